package dev.nextbest.profile.behaviour;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** One run of behavioural segmentation: what it found, and how customers moved since the run before. */
@Entity
@Table(name = "behaviour_run")
public class BehaviourRun {

    public enum Status { RUNNING, COMPLETED, SKIPPED, FAILED }

    @Id
    public UUID id;

    /** "schedule" or "request". */
    @Column(nullable = false)
    public String trigger;

    @Column(nullable = false)
    public String status;

    /** Why a run was skipped or failed. */
    public String detail;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    /** How many profiles were clustered. */
    @Column(nullable = false)
    public long profiles;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, BehaviourClustering.Cluster> clusters = new HashMap<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Drift drift = Drift.NONE;

    /**
     * Movement since the previous completed run.
     *
     * @param since     that run, or null for the first
     * @param compared  customers in both runs
     * @param moved     of those, how many are in another cluster now
     * @param newcomers customers in this run and not the one before
     * @param moves     from label, to label: how many moved that way
     */
    public record Drift(UUID since, long compared, long moved, long newcomers, Map<String, Map<String, Long>> moves) {
        static final Drift NONE = new Drift(null, 0, 0, 0, Map.of());
    }
}
