package dev.nextbest.nba.decision;

import dev.nextbest.nba.catalog.DecisionSettings;
import dev.nextbest.nba.learning.ActionPosteriors;
import dev.nextbest.nba.learning.BetaSampler;
import dev.nextbest.nba.learning.Posteriors;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The returned actions, marked {@link FunnelExit#CHOSEN}, each with the chance that this decision process
 * returns it for these inputs (what off-policy evaluation weighs by). When exploring, that chance is
 * estimated by repeating the exploration draw; without exploration the choice is certain; the control
 * group's random choice set its own.
 */
@ApplicationScoped
class SelectionStage implements Stage {

    static final int PROBABILITY_DRAWS = 100;

    private final Posteriors posteriors;

    SelectionStage(Posteriors posteriors) {
        this.posteriors = posteriors;
    }

    @Override
    public Uni<Void> apply(DecisionState decision) {
        if (!decision.control) {
            estimate(decision.ranked, decision.chosen, decision.context.settings, decision.sampler);
        }
        decision.chosen.forEach(candidate -> candidate.drop(FunnelExit.CHOSEN, null));
        return DONE;
    }

    /**
     * For every chosen candidate, how often it is among the chosen when the exploration step is drawn again.
     * Only contenders are drawn: a candidate whose best possible priority (its posterior draw at 1) stays
     * below what the k-th best is sure of (draws at 0) can never be chosen.
     */
    private void estimate(List<Candidate> ranked, List<Candidate> chosen, DecisionSettings settings, BetaSampler sampler) {
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
            factors[i] = ArbitrationStage.priority(candidate, 1.0, settings.arbitration());
            ActionPosteriors.Posterior posterior = posteriors.of(candidate.action.key());
            alphas[i] = posterior.alpha();
            betas[i] = posterior.beta();
        }
        boolean usePropensity = settings.arbitration().propensity();
        int[] hits = new int[n];
        int[] top = new int[k];
        double[] topPriority = new double[k];
        for (int draw = 0; draw < PROBABILITY_DRAWS; draw++) {
            Arrays.fill(topPriority, Double.NEGATIVE_INFINITY);
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
            surely[i] = ArbitrationStage.priority(ranked.get(i), weight * ranked.get(i).modelPropensity, factors);
        }
        double[] sorted = surely.clone();
        Arrays.sort(sorted);
        double threshold = sorted[sorted.length - k];
        List<Candidate> contenders = new ArrayList<>();
        for (Candidate candidate : ranked) {
            if (ArbitrationStage.priority(candidate, weight * candidate.modelPropensity + (1 - weight), factors) >= threshold) {
                contenders.add(candidate);
            }
        }
        return contenders;
    }
}
