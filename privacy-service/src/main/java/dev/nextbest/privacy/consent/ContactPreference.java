package dev.nextbest.privacy.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * What a customer lets us send on one channel, as they said it at one moment. Never changed: a new
 * preference is a new row, and the latest one given is in force.
 */
@Entity
@Table(name = "contact_preference")
public class ContactPreference {

    @Id
    public UUID id;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    /** The channel the preference is about: web, app, agent, ivr, email, sms, store. */
    @Column(nullable = false)
    public String channel;

    /** ALL: any message; SERVICE_ONLY: only about the service they use ("only contact me when it ships"); NONE. */
    @Column(nullable = false)
    public String allow;

    /** Where the customer said it. */
    @Column(name = "collected_on", nullable = false)
    public String collectedOn;

    @Column(nullable = false)
    public String jurisdiction;

    @Column(nullable = false)
    public String method;

    public String notice;

    @Column(name = "given_at", nullable = false)
    public Instant givenAt;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;
}
