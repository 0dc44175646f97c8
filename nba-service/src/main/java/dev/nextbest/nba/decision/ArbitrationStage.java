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

    /**
     * For every chosen candidate, how often it is among the chosen when the exploration step is drawn again.
     * Only contenders are drawn: a candidate whose best possible priority (its posterior draw at 1) stays
     * below what the k-th best is sure of (draws at 0) can never be chosen.
     */
    void estimateSelectionProbabilities(List<Candidate> ranked, List<Candidate> chosen, DecisionSettings settings,
                                        BetaSampler sampler) {
        if (!settings.exploration().enabled() || chosen.isEmpty()) {
            chosen.forEach(candidate -> candidate.selectionProbability = 1.0);
            return;
        }
        int k = chosen.size();
        double weight = settings.exploration().modelWeight();
        List<Candidate> contenders = contenders(ranked, k, weight, settings.arbitration());
        int n = contenders.size();
        double[] factors = new double[n];
        double[] alphas = new double[n];
        double[] betas = new double[n];
        for (int i = 0; i < n; i++) {
            Candidate candidate = contenders.get(i);
            factors[i] = priority(candidate, 1.0, settings.arbitration());
            ActionPosteriors.Posterior posterior = posteriors.of(candidate.action.key());
            alphas[i] = posterior.alpha();
            betas[i] = posterior.beta();
        }
        boolean usePropensity = settings.arbitration().propensity();
        int[] hits = new int[n];
        int[] top = new int[k];
        double[] topPriority = new double[k];
        for (int draw = 0; draw < PROBABILITY_DRAWS; draw++) {
            java.util.Arrays.fill(topPriority, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                double propensity = weight * contenders.get(i).modelPropensity + (1 - weight) * sampler.next(alphas[i], betas[i]);
                double priority = (usePropensity ? propensity : 1.0) * factors[i];
                // Insert into the k best so far (k is small: the actions asked for).
                for (int slot = 0; slot < k; slot++) {
                    if (priority > topPriority[slot]) {
                        System.arraycopy(topPriority, slot, topPriority, slot + 1, k - slot - 1);
                        System.arraycopy(top, slot, top, slot + 1, k - slot - 1);
                        topPriority[slot] = priority;
                        top[slot] = i;
                        break;
                    }
                }
            }
            for (int slot = 0; slot < Math.min(k, n); slot++) {
                hits[top[slot]]++;
            }
        }
        Map<Candidate, Integer> byCandidate = new HashMap<>();
        for (int i = 0; i < n; i++) {
            byCandidate.put(contenders.get(i), hits[i]);
        }
        chosen.forEach(candidate -> candidate.selectionProbability =
                Math.max(1, byCandidate.getOrDefault(candidate, 0)) / (double) PROBABILITY_DRAWS);
    }

    /** The candidates that can reach the k best under some exploration draw. */
    private static List<Candidate> contenders(List<Candidate> ranked, int k, double weight, DecisionSettings.Arbitration factors) {
        if (!factors.propensity() || ranked.size() <= k) {
            return ranked;
        }
        double[] surely = new double[ranked.size()];
        for (int i = 0; i < ranked.size(); i++) {
            surely[i] = priority(ranked.get(i), weight * ranked.get(i).modelPropensity, factors);
        }
        double[] sorted = surely.clone();
        java.util.Arrays.sort(sorted);
        double threshold = sorted[sorted.length - k];
        List<Candidate> contenders = new ArrayList<>();
        for (Candidate candidate : ranked) {
            if (priority(candidate, weight * candidate.modelPropensity + (1 - weight), factors) >= threshold) {
                contenders.add(candidate);
            }
        }
        return contenders;
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
