package dev.nextbest.nba.decision;

import ai.onnxruntime.OrtException;
import dev.nextbest.nba.learning.ActionPosteriors;
import dev.nextbest.nba.live.LiveAction;
import dev.nextbest.nba.policy.PolicyExpressions;
import dev.nextbest.nba.scoring.FeatureEncoder;
import dev.nextbest.nba.scoring.ModelRegistry;
import dev.nextbest.nba.scoring.ServingModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Propensity, value and context weight of every surviving candidate. Models read the customer's profile only
 * when the customer allows profiling; otherwise they score from the situation and the offer alone. The candidates a model scores are
 * encoded into one matrix and scored in one ONNX Runtime call per model; an action whose group no model
 * scores takes its base propensity, else the take-up rate learnt from responses (its posterior mean). A
 * model that fails leaves its candidates to that fallback, counted, rather than failing the decision.
 */
@ApplicationScoped
class ScoringStage implements Stage {

    private static final Logger LOG = Logger.getLogger(ScoringStage.class);

    private final ModelRegistry models;
    private final ActionPosteriors posteriors;
    private final Counter modelFailures;

    ScoringStage(ModelRegistry models, ActionPosteriors posteriors, MeterRegistry registry) {
        this.models = models;
        this.posteriors = posteriors;
        this.modelFailures = registry.counter("nba.scoring.model-failures");
    }

    @Override
    public Uni<Void> apply(DecisionState decision) {
        decision.models = List.copyOf(score(decision.candidates, decision.context));
        return DONE;
    }

    /** @return the labels (name@version) of the models that scored */
    private Set<String> score(List<Candidate> candidates, DecisionContext decision) {
        Map<ServingModel, List<Candidate>> byModel = new IdentityHashMap<>();
        for (Candidate candidate : candidates) {
            if (!candidate.alive()) {
                continue;
            }
            ServingModel model = models.forGroup(candidate.action.group());
            if (model != null) {
                byModel.computeIfAbsent(model, m -> new ArrayList<>()).add(candidate);
            } else {
                fallback(candidate);
            }
            value(candidate, decision);
        }
        Set<String> used = new TreeSet<>();
        byModel.forEach((model, scored) -> {
            FeatureEncoder encoder = model.encoder();
            float[] rows = encoder.encodeBatch(decision.modelProfile(), decision.context,
                    scored.stream().map(candidate -> candidate.action.variable()).toList());
            try {
                float[] scores = model.score(rows, scored.size());
                for (int i = 0; i < scored.size(); i++) {
                    scored.get(i).modelPropensity = scores[i];
                    scored.get(i).model = model.label();
                    scored.get(i).personalised = decision.personalised;
                }
                used.add(model.label());
            } catch (OrtException | RuntimeException e) {
                modelFailures.increment();
                LOG.warnf("model %s failed; its %d candidates take their base propensity: %s", model.label(), scored.size(), e.getMessage());
                scored.forEach(this::fallback);
            }
        });
        return used;
    }

    private void fallback(Candidate candidate) {
        Double base = candidate.action.definition().basePropensity();
        candidate.modelPropensity = base != null ? base : posteriors.of(candidate.action.key()).mean();
        candidate.model = null;
    }

    private static void value(Candidate candidate, DecisionContext decision) {
        LiveAction action = candidate.action;
        candidate.value = action.valueExpression() == null ? action.definition().value()
                : Math.max(0, evaluate(action.valueExpression(), candidate, decision, 0));
        if (action.contextWeight() != null) {
            candidate.contextWeight = Math.max(0, evaluate(action.contextWeight(), candidate, decision, 1));
        }
    }

    /** The expression's value, or {@code fallback} when it cannot be worked out; once per decision unless it reads the action. */
    private static double evaluate(PolicyExpressions.Number expression, Candidate candidate, DecisionContext decision,
                                   double fallback) {
        boolean perCustomer = !expression.readsAction();
        Object known = perCustomer ? decision.remembered(expression) : null;
        if (known instanceof Double value) {
            return value;
        }
        double value;
        try {
            value = expression.evaluate(decision.variables(candidate.action.variable()));
        } catch (Exception e) {
            value = fallback;
        }
        if (perCustomer) {
            decision.remember(expression, value);
        }
        return value;
    }
}
