package dev.nextbest.nba.decision;

import io.smallrye.mutiny.Uni;

/**
 * One step of the decision path. The steps run in the order {@link DecisionPipeline} lists them, each on what
 * the ones before it left in the {@link DecisionState}: it drops candidates (saying where and why, a
 * {@link FunnelExit}), scores them, or chooses among them.
 */
interface Stage {

    /** What a stage that has finished straight away returns. */
    Uni<Void> DONE = Uni.createFrom().voidItem();

    Uni<Void> apply(DecisionState decision);
}
