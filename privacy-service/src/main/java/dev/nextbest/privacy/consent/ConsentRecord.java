package dev.nextbest.privacy.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One decision of a customer about one purpose: a consent record after ISO/IEC TS 27560. Never changed. */
@Entity
@Table(name = "consent_record")
public class ConsentRecord {

    @Id
    public UUID id;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Column(nullable = false)
    public String purpose;

    /** GRANTED, DENIED or WITHDRAWN. */
    @Column(nullable = false)
    public String status;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Scope scope;

    @Column(name = "lawful_basis", nullable = false)
    public String lawfulBasis;

    /** Where it was collected: web, app, agent, ivr, email, sms, store. */
    @Column(nullable = false)
    public String channel;

    /** ISO 3166 code of the jurisdiction whose law applies, e.g. GB, DE, US-CA. */
    @Column(nullable = false)
    public String jurisdiction;

    /** How it was collected, e.g. web-form, app-toggle, agent-verbal, gpc-signal. */
    @Column(nullable = false)
    public String method;

    /** The privacy notice shown (its version). */
    public String notice;

    @Column(name = "given_at", nullable = false)
    public Instant givenAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "expiry_announced", nullable = false)
    public boolean expiryAnnounced;

    /** @param dataCategories the data categories the purpose covers (taxonomy keys); empty: all it needs */
    public record Scope(List<String> dataCategories) {
    }
}
