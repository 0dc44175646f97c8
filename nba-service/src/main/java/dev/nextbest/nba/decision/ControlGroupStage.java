package dev.nextbest.nba.decision;

import dev.nextbest.nba.catalog.DecisionSettings;
import dev.nextbest.nba.learning.ControlGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The control group, which measures what the recommendations add: a customer in it this period (sticky by
 * customer and period, {@link ControlGroup}) gets nothing, or one suitable action at random, each equally
 * likely, in place of what arbitration chose. Every other ranked candidate drops at
 * {@link FunnelExit#CONTROL_GROUP}.
 */
@ApplicationScoped
class ControlGroupStage implements Stage {

    @Override
    public Uni<Void> apply(DecisionState decision) {
        DecisionSettings.ControlGroup settings = decision.context.settings.controlGroup();
        decision.control = ControlGroup.contains(decision.context.customerId, settings, decision.context.now);
        if (!decision.control) {
            return DONE;
        }
        List<Candidate> pick = pick(decision.ranked, settings, decision);
        String why = "the customer is in the control group this period (" + settings.behaviour() + ")";
        decision.ranked.stream().filter(candidate -> !pick.contains(candidate))
                .forEach(candidate -> candidate.drop(FunnelExit.CONTROL_GROUP, why));
        pick.forEach(Candidate::restore);
        decision.chosen = pick;
        return DONE;
    }

    /** Seeded by the decision's id, so that a replay picks the same. */
    private static List<Candidate> pick(List<Candidate> ranked, DecisionSettings.ControlGroup settings, DecisionState decision) {
        if (settings.behaviour() == DecisionSettings.ControlBehaviour.NO_ACTION || ranked.isEmpty()) {
            return new ArrayList<>();
        }
        Candidate pick = ranked.get(new SplittableRandom(decision.id.getMostSignificantBits()).nextInt(ranked.size()));
        pick.selectionProbability = 1.0 / ranked.size();
        return new ArrayList<>(List.of(pick));
    }
}
