package dev.nextbest.identity.customers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A pseudonymous customer id issued by this service. */
@Entity
@Table(name = "customer")
public class Customer {

    @Id
    public String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CustomerKind kind;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Set while this customer is merged into another: the survivor, which now holds its identifiers. */
    @Column(name = "merged_into")
    public String mergedInto;
}
