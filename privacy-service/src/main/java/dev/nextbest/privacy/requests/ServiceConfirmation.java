package dev.nextbest.privacy.requests;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One service's part of a request: sent how often, and whether (and with what) it confirmed. */
@Entity
@Table(name = "subject_request_service")
public class ServiceConfirmation {

    public enum Status { WAITING, CONFIRMED, OVERDUE }

    @Id
    public UUID id;

    @Column(name = "request_id", nullable = false)
    public UUID requestId;

    @Column(nullable = false)
    public String service;

    @Column(nullable = false)
    public String status;

    /** How many times the request was sent (the first time, and each retry). */
    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_sent_at", nullable = false)
    public Instant lastSentAt;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    /** What the service erased, by store (e.g. {"profiles": 1, "interactions": 40}). */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Long> erased;

    /** For an access request: what the service holds about the customer; cleared when the bundle expires. */
    @JdbcTypeCode(SqlTypes.JSON)
    public com.fasterxml.jackson.databind.JsonNode part;
}
