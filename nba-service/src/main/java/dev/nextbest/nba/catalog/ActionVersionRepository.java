package dev.nextbest.nba.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ActionVersionRepository implements PanacheRepositoryBase<ActionVersion, ActionVersion.Key> {

    public Uni<List<ActionVersion>> of(UUID actionId) {
        return list("actionId", Sort.by("version"), actionId);
    }

    /** Every version that is live: the live catalogue. */
    public Uni<List<ActionVersion>> active() {
        return list("status", ActionStatus.ACTIVE);
    }
}
