package dev.nextbest.identity.merges;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** An identifier a merge moved from the absorbed customer to the survivor. */
@Entity
@Table(name = "customer_merge_identifier")
public class MovedIdentifier {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "merge_id", nullable = false)
    public UUID mergeId;

    @Column(name = "identifier_id", nullable = false)
    public Long identifierId;
}
