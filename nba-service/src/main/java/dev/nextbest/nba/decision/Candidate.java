package dev.nextbest.nba.decision;

import dev.nextbest.nba.catalog.ActionDefinition;
import dev.nextbest.nba.live.LiveAction;

/** One live action's way through one decision's funnel: where it dropped, or its scores. */
final class Candidate {

    final LiveAction action;
    ActionDefinition.Treatment treatment;
    /** Where it left the funnel; null while it is still in. */
    FunnelExit stage;
    String reason;
    /** The model's propensity, or the action's base propensity when no model scores its group. */
    double modelPropensity = Double.NaN;
    String model;
    /** False when a model scored it without the customer's profile, because they do not allow profiling. */
    boolean personalised = true;
    /** The propensity arbitration used: the model's, blended with an exploration draw when exploring. */
    double propensity = Double.NaN;
    double value = Double.NaN;
    double contextWeight = 1;
    double priority = Double.NaN;
    double selectionProbability = Double.NaN;
    /** Its place in the ranking (1 is first), once it reached arbitration; 0 before. */
    int rank;

    Candidate(LiveAction action) {
        this.action = action;
    }

    boolean alive() {
        return stage == null;
    }

    void drop(FunnelExit where, String why) {
        this.stage = where;
        this.reason = why;
    }

    /** Back in the funnel: one that ranked below the returned actions takes a place that came free. */
    void restore() {
        this.stage = null;
        this.reason = null;
    }
}
