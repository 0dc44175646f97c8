package dev.nextbest.nba.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * Something the platform can recommend to a customer, e.g. a retention offer or a service fix: its stable
 * key, a summary of its latest version (for listing), and which version is live. The versions themselves
 * are {@link ActionVersion}s.
 */
@Entity
@Table(name = "action")
public class Action {

    @Id
    public UUID id;

    /** A stable, human-readable identifier, e.g. "retention-discount-10". */
    @Column(nullable = false)
    public String key;

    @Column(nullable = false)
    public String name;

    /** The business issue it serves, e.g. "retention"; the top of the issue > group > action hierarchy. */
    @Column(nullable = false)
    public String issue;

    @Column(name = "group_name", nullable = false)
    public String group;

    public String description;

    /** The latest version's status. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ActionStatus status;

    /** The latest version. */
    @Column(nullable = false)
    public int version;

    /** The version decisions offer, or null while none is ACTIVE. */
    @Column(name = "live_version")
    public Integer liveVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
