package dev.nextbest.nba.decision;

import dev.nextbest.nba.catalog.DecisionSettings;
import dev.nextbest.nba.live.LiveAction;

import java.util.ArrayList;
import java.util.List;

/** How a decision's candidates are written down: the returned actions with their explanations, and the funnel. */
final class DecisionRecords {

    private DecisionRecords() {
    }

    static List<Decision.ChosenAction> chosen(List<Candidate> returned, int eligible, DecisionSettings settings,
                                              boolean control, boolean defaulted, int serviceLevel) {
        List<Decision.ChosenAction> actions = new ArrayList<>(returned.size());
        for (int i = 0; i < returned.size(); i++) {
            actions.add(chosen(returned.get(i), i + 1, eligible, settings, control, defaulted, serviceLevel));
        }
        return actions;
    }

    private static Decision.ChosenAction chosen(Candidate c, int rank, int eligible, DecisionSettings settings,
                                                boolean control, boolean defaulted, int serviceLevel) {
        LiveAction action = c.action;
        return new Decision.ChosenAction(rank, action.key(), action.id(), action.version(), action.definition().name(),
                action.issue(), action.group(), c.treatment, round(c.propensity), defaulted ? null : round(c.modelPropensity),
                c.model, c.value, c.contextWeight, action.levers(), round(c.priority), round(c.selectionProbability),
                Explanations.codes(c, settings, control, defaulted),
                Explanations.reason(c, rank, eligible, control, defaulted, serviceLevel));
    }

    static List<Decision.FunnelEntry> funnel(List<Candidate> candidates) {
        List<Decision.FunnelEntry> funnel = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            funnel.add(new Decision.FunnelEntry(c.action.key(), c.action.version(), c.stage, c.rank == 0 ? null : c.rank, c.reason,
                    Double.isNaN(c.propensity) ? null : round(c.propensity),
                    Double.isNaN(c.value) ? null : c.value, Double.isNaN(c.priority) ? null : round(c.priority)));
        }
        return funnel;
    }

    /** Six significant decimals are more than any score means, and keep the decision log small. */
    private static double round(double value) {
        return Double.isNaN(value) ? 0 : Math.round(value * 1_000_000d) / 1_000_000d;
    }
}
