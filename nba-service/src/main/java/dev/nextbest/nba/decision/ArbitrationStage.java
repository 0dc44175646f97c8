package dev.nextbest.nba.decision;

import dev.nextbest.nba.catalog.DecisionSettings;
import dev.nextbest.nba.learning.ActionPosteriors;
import dev.nextbest.nba.learning.BetaSampler;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exploration and arbitration. The propensity arbitration uses is the model's, blended with a draw from the
 * action's Beta posterior (Thompson sampling) when exploring; priority = propensity x context weight x value
 * x levers, each factor switchable; ties go to the higher value, then to the key. The chance that each
 * returned action would be returned is estimated by repeating the exploration draw.
 */
@ApplicationScoped
class ArbitrationStage {

    static final int PROBABILITY_DRAWS = 100;
    static final Comparator<Candidate> ORDER = Comparator.comparingDouble((Candidate c) -> c.priority).reversed()
            .thenComparing(Comparator.comparingDouble((Candidate c) -> c.value).reversed())
            .thenComparing(c -> c.action.key());

    private final ActionPosteriors posteriors;

    ArbitrationStage(ActionPosteriors posteriors) {
        this.posteriors = posteriors;
    }

    /** @return the surviving candidates, best first */
    List<Candidate> rank(List<Candidate> candidates, DecisionSettings settings, BetaSampler sampler) {
        List<Candidate> ranked = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (candidate.alive()) {
                candidate.propensity = propensity(candidate, settings.exploration(), sampler);
                candidate.priority = priority(candidate, candidate.propensity, settings.arbitration());
                ranked.add(candidate);
            }
        }
        ranked.sort(ORDER);
        return ranked;
    }

    /** For every chosen candidate, how often it is among the chosen when the exploration step is drawn again. */
    void estimateSelectionProbabilities(List<Candidate> ranked, List<Candidate> chosen, DecisionSettings settings,
                                        BetaSampler sampler) {
        if (!settings.exploration().enabled() || chosen.isEmpty()) {
            chosen.forEach(candidate -> candidate.selectionProbability = 1.0);
            return;
        }
        Map<Candidate, Integer> hits = new HashMap<>();
        double[] priorities = new double[ranked.size()];
        Integer[] order = new Integer[ranked.size()];
        for (int draw = 0; draw < PROBABILITY_DRAWS; draw++) {
            for (int i = 0; i < ranked.size(); i++) {
                Candidate candidate = ranked.get(i);
                priorities[i] = priority(candidate, propensity(candidate, settings.exploration(), sampler), settings.arbitration());
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(priorities[b], priorities[a]));
            for (int top = 0; top < Math.min(chosen.size(), order.length); top++) {
                Candidate candidate = ranked.get(order[top]);
                hits.merge(candidate, 1, Integer::sum);
            }
        }
        chosen.forEach(candidate -> candidate.selectionProbability =
                Math.max(1, hits.getOrDefault(candidate, 0)) / (double) PROBABILITY_DRAWS);
    }

    private double propensity(Candidate candidate, DecisionSettings.Exploration exploration, BetaSampler sampler) {
        if (!exploration.enabled()) {
            return candidate.modelPropensity;
        }
        ActionPosteriors.Posterior posterior = posteriors.of(candidate.action.key());
        double weight = exploration.modelWeight();
        return weight * candidate.modelPropensity + (1 - weight) * sampler.next(posterior.alpha(), posterior.beta());
    }

    static double priority(Candidate candidate, double propensity, DecisionSettings.Arbitration factors) {
        double priority = 1;
        if (factors.propensity()) {
            priority *= propensity;
        }
        if (factors.contextWeight()) {
            priority *= candidate.contextWeight;
        }
        if (factors.value()) {
            priority *= candidate.value;
        }
        if (factors.levers()) {
            priority *= candidate.action.levers();
        }
        return priority;
    }
}
