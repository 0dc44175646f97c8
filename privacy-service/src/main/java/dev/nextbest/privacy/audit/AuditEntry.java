package dev.nextbest.privacy.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One entry of the hash-chained audit log. */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

    @Id
    public long seq;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** What happened, e.g. assessment-made, assessment-decided, policy-changed. */
    @Column(nullable = false)
    public String kind;

    /** What it happened to, e.g. "assessment 5f0c...". */
    @Column(nullable = false)
    public String subject;

    /** Who did it: an API client, or "privacy-service" for what the service did itself. */
    @Column(nullable = false)
    public String actor;

    /** JSON, exactly as hashed. */
    @Column(nullable = false)
    public String details;

    @Column(name = "previous_hash", nullable = false)
    public String previousHash;

    @Column(nullable = false)
    public String hash;
}
