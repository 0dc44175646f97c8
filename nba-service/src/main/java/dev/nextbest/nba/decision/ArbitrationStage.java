package dev.nextbest.nba.decision;

import dev.nextbest.nba.catalog.DecisionSettings;
import dev.nextbest.nba.learning.ActionPosteriors;
import dev.nextbest.nba.learning.BetaSampler;
import dev.nextbest.nba.learning.Posteriors;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Exploration and arbitration. The propensity arbitration uses is the model's, blended with a draw from the
 * action's Beta posterior (Thompson sampling) when exploring; priority = propensity x context weight x value
 * x levers, each factor switchable; ties go to the higher value, then to the key. The best as many as asked
 * for (and the placement allows) are chosen; the others drop at {@link FunnelExit#ARBITRATION}, their rank
 * saying why.
 */
@ApplicationScoped
class ArbitrationStage implements Stage {

    static final Comparator<Candidate> ORDER = Comparator.comparingDouble((Candidate c) -> c.priority).reversed()
            .thenComparing(Comparator.comparingDouble((Candidate c) -> c.value).reversed())
            .thenComparing(c -> c.action.key());

    private final Posteriors posteriors;

    ArbitrationStage(Posteriors posteriors) {
        this.posteriors = posteriors;
    }

    @Override
    public Uni<Void> apply(DecisionState decision) {
        DecisionSettings settings = decision.context.settings;
        List<Candidate> ranked = rank(decision.candidates, settings, decision.sampler);
        for (int i = 0; i < ranked.size(); i++) {
            ranked.get(i).rank = i + 1;
        }
        int wanted = Math.min(decision.context.wanted(), ranked.size());
        // No sentence each below the chosen: with a hundred candidates they were a large share of every logged decision.
        for (int i = wanted; i < ranked.size(); i++) {
            ranked.get(i).drop(FunnelExit.ARBITRATION, null);
        }
        decision.ranked = ranked;
        decision.chosen = new ArrayList<>(ranked.subList(0, wanted));
        return DONE;
    }

    /** @return the surviving candidates, best first */
    private List<Candidate> rank(List<Candidate> candidates, DecisionSettings settings, BetaSampler sampler) {
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
