package dev.nextbest.nba.decision;

import ai.onnxruntime.OrtException;
import dev.nextbest.nba.learning.ActionPosteriors;
import dev.nextbest.nba.scoring.FeatureEncoder;
import dev.nextbest.nba.scoring.ModelRegistry;
import dev.nextbest.nba.scoring.ServingModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Propensity, value and context weight of every surviving candidate. The candidates a model scores are
 * encoded into one matrix and scored in one ONNX Runtime call per model; an action whose group no model
 * scores takes its base propensity, else the take-up rate learnt from responses (its posterior mean). A
 * model that fails leaves its candidates to that fallback, counted, rather than failing the decision.
 */
@ApplicationScoped
class ScoringStage {

    private static final Logger LOG = Logger.getLogger(ScoringStage.class);

    private final ModelRegistry models;
    private final ActionPosteriors posteriors;
    private final Counter modelFailures;

    ScoringStage(ModelRegistry models, ActionPosteriors posteriors, MeterRegistry registry) {
        this.models = models;
        this.posteriors = posteriors;
        this.modelFailures = registry.counter("nba.scoring.model-failures");
    }

    /** @return the labels (name@version) of the models that scored */
    Set<String> apply(List<Candidate> candidates, DecisionContext decision) {
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
            float[] rows = new float[scored.size() * encoder.width()];
            for (int i = 0; i < scored.size(); i++) {
                encoder.encode(decision.profile, decision.context, scored.get(i).action.variable(), rows, i * encoder.width());
            }
            try {
                float[] scores = model.score(rows, scored.size());
                for (int i = 0; i < scored.size(); i++) {
                    scored.get(i).modelPropensity = scores[i];
                    scored.get(i).model = model.label();
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
        Map<String, Object> variables = null;
        if (candidate.action.valueExpression() != null) {
            variables = decision.variables(candidate.action.variable());
            try {
                candidate.value = Math.max(0, candidate.action.valueExpression().evaluate(variables));
            } catch (Exception e) {
                candidate.value = 0;
            }
        } else {
            candidate.value = candidate.action.definition().value();
        }
        if (candidate.action.contextWeight() != null) {
            try {
                candidate.contextWeight = Math.max(0, candidate.action.contextWeight().evaluate(
                        variables != null ? variables : decision.variables(candidate.action.variable())));
            } catch (Exception e) {
                candidate.contextWeight = 1;
            }
        }
    }
}
