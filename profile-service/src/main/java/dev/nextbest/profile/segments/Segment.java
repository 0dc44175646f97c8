package dev.nextbest.profile.segments;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A rule segment: the customers whose profile makes a CEL expression true. */
@Entity
@Table(name = "segment")
public class Segment {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    public String description;

    @Column(nullable = false)
    public String expression;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
