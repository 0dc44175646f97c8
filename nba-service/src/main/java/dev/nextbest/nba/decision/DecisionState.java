package dev.nextbest.nba.decision;

import dev.nextbest.nba.learning.BetaSampler;

import java.util.List;
import java.util.UUID;

/** One decision on its way through the stages: what it knows, its candidates, and what the stages decided so far. */
final class DecisionState {

    final UUID id;
    final DecisionContext context;
    /** Every live action, in catalogue order; each records where it left the funnel. */
    final List<Candidate> candidates;
    /** The exploration draws, seeded by the decision's id: arbitration draws first, selection probabilities after. */
    final BetaSampler sampler;
    /** Set by scoring: the labels (name@version) of the models that scored. */
    List<String> models = List.of();
    /** Set by arbitration: the surviving candidates, best first. */
    List<Candidate> ranked = List.of();
    /** The candidates to return, as arbitration, the control group and the volume limits leave them. */
    List<Candidate> chosen = List.of();
    /** Set by the control group stage: the customer is in this period's control group. */
    boolean control;

    DecisionState(UUID id, DecisionContext context, List<Candidate> candidates) {
        this.id = id;
        this.context = context;
        this.candidates = candidates;
        this.sampler = new BetaSampler(id.getLeastSignificantBits());
    }
}
