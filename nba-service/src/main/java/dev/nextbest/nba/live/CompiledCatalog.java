package dev.nextbest.nba.live;

import dev.nextbest.nba.catalog.DecisionSettings;

import java.util.List;

/** The live catalogue as of one revision, compiled: what every decision in this replica uses. */
public record CompiledCatalog(long revision, List<LiveAction> actions, DecisionSettings settings) {
}
