package dev.nextbest.nba.catalog;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The catalogue's revision: one number that every change to what decisions use (an action going live or
 * retiring, an engagement policy, the decision settings) increases, in the same transaction. Each replica
 * compiles the live catalogue once per revision, and every decision records the revision it used.
 */
@ApplicationScoped
public class CatalogRevision {

    /** Inside the change's transaction. */
    public Uni<Long> bump() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("UPDATE catalog_revision SET revision = revision + 1, changed_at = now() RETURNING revision", Long.class)
                .getSingleResult());
    }

    public Uni<Long> current() {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT revision FROM catalog_revision", Long.class).getSingleResult()));
    }
}
