package dev.nextbest.nba.catalog;

import io.smallrye.mutiny.Uni;

/**
 * Told after a change to what decisions use has committed (live/LiveCatalog recompiles), so that the change
 * is live in this replica before its answer returns.
 */
public interface CatalogListener {

    Uni<Void> changed();
}
