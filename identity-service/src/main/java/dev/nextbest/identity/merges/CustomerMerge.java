package dev.nextbest.identity.merges;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One customer absorbed into another, with why and from where; undone by moving its identifiers back. */
@Entity
@Table(name = "customer_merge")
public class CustomerMerge {

    @Id
    public UUID id;

    @Column(name = "survivor_id", nullable = false)
    public String survivorId;

    @Column(name = "absorbed_id", nullable = false)
    public String absorbedId;

    @Column(nullable = false)
    public String source;

    /** Which verified identifiers showed the two to be one person, by type, e.g. "verified email". */
    @Column(nullable = false)
    public String reason;

    @Column(name = "merged_at", nullable = false)
    public Instant mergedAt;

    @Column(name = "undone_at")
    public Instant undoneAt;
}
