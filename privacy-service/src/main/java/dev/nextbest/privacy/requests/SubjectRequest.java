package dev.nextbest.privacy.requests;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A data-subject request: what was asked, for whom, by when, and where it stands. */
@Entity
@Table(name = "subject_request")
public class SubjectRequest {

    public enum Status {
        /** Waiting for services to confirm; within its deadline. */
        OPEN,
        /** Every service confirmed. */
        COMPLETED,
        /** Past its deadline with a service still to confirm: escalated to the privacy officer. */
        OVERDUE
    }

    @Id
    public UUID id;

    public enum Kind { ERASURE, ACCESS }

    /** ERASURE or ACCESS. */
    @Column(nullable = false)
    public String kind;

    /** The pseudonymous customer id; for an erasure, cleared once it is completed. */
    @Column(name = "customer_id")
    public String customerId;

    /** SHA-256 of the customer id, kept after completion. */
    @Column(name = "subject_digest", nullable = false)
    public String subjectDigest;

    @Column(nullable = false)
    public String status;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "escalated_at")
    public Instant escalatedAt;
}
