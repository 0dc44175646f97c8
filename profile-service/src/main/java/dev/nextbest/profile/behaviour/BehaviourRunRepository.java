package dev.nextbest.profile.behaviour;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

@ApplicationScoped
public class BehaviourRunRepository implements PanacheRepositoryBase<BehaviourRun, UUID> {

    private static final long ADVISORY_LOCK = 0x7072_5F62_6568L; // "pr_beh"

    private final Clock clock;

    public BehaviourRunRepository(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records the run as started unless one is RUNNING in any replica (a run that started longer ago than
     * {@code staleAfter} is taken for a replica that died mid-run). The check and the insert are serialised
     * across replicas by a PostgreSQL advisory lock held for this transaction.
     *
     * @return whether the run was recorded
     */
    public Uni<Boolean> startUnlessRunning(BehaviourRun run, Duration staleAfter) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT pg_try_advisory_xact_lock(" + ADVISORY_LOCK + ")", Boolean.class)
                .getSingleResult()
                .chain(locked -> !locked ? Uni.createFrom().item(false)
                        : count("status = ?1 and startedAt > ?2", BehaviourRun.Status.RUNNING.name(),
                                        clock.instant().minus(staleAfter))
                                .chain(running -> running > 0 ? Uni.createFrom().item(false)
                                        : persist(run).replaceWith(true))));
    }

    /** The latest run that completed, or null. */
    public Uni<BehaviourRun> latestCompleted() {
        return find("status = ?1 order by startedAt desc", BehaviourRun.Status.COMPLETED.name()).firstResult();
    }
}
