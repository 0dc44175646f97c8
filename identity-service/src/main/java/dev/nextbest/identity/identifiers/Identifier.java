package dev.nextbest.identity.identifiers;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One identifier of one customer, as a keyed pseudonym. */
@Entity
@Table(name = "identifier")
public class Identifier {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Convert(converter = IdentifierTypeConverter.class)
    @Column(nullable = false)
    public IdentifierType type;

    @Column(nullable = false)
    public String pseudonym;

    @Column(name = "key_version", nullable = false)
    public int keyVersion;

    /** Proven by the channel (a confirmed email, a logged-in session) rather than only asserted. */
    @Column(nullable = false)
    public boolean verified;

    /** Where it was first seen, e.g. "/channels/web": provenance for audits and unmerges. */
    @Column(nullable = false)
    public String source;

    @Column(name = "first_seen", nullable = false)
    public Instant firstSeen;

    @Column(name = "last_seen", nullable = false)
    public Instant lastSeen;
}
