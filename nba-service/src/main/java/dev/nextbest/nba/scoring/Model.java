package dev.nextbest.nba.scoring;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One uploaded version of a model: its ONNX bytes, their SHA-256, and its descriptor (groups, features). */
@Entity
@Table(name = "model")
public class Model extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Increases with every upload, across names: replicas load what they have not seen yet. */
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public String checksum;

    @Column(nullable = false)
    public byte[] onnx;

    /** The {@link ModelDescriptor} as JSON. */
    @Column(nullable = false)
    public String descriptor;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
