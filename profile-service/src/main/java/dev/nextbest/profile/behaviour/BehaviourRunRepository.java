package dev.nextbest.profile.behaviour;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class BehaviourRunRepository implements PanacheRepositoryBase<BehaviourRun, UUID> {

    /** The latest run that completed, or null. */
    public Uni<BehaviourRun> latestCompleted() {
        return find("status = ?1 order by startedAt desc", BehaviourRun.Status.COMPLETED.name()).firstResult();
    }
}
