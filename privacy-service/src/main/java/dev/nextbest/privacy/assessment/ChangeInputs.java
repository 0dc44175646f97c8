package dev.nextbest.privacy.assessment;

import dev.nextbest.privacy.changes.ActionChanged;
import dev.nextbest.privacy.changes.ModelRegistered;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Builds the inputs of an assessment from what a change announces and what the service knows around it. */
public final class ChangeInputs {

    static final String NBA = "nba-service";
    /** The data use of a propensity model: evaluating people to target offers. */
    static final String MODEL_USE = "marketing.advertising.profiling";

    private ChangeInputs() {
    }

    /**
     * An action version: its own expressions, those of its group's and issue's engagement policies, and the
     * latest version of each model that scores its group.
     */
    public static AssessmentInputs action(ActionChanged action, List<CatalogPolicy> catalogPolicies,
                                          List<ModelRegistration> models) {
        ActionChanged.Definition definition = action.definition();
        List<AssessmentInputs.Expression> expressions = new ArrayList<>();
        add(expressions, "eligibility", definition.eligibility(), true);
        add(expressions, "applicability", definition.applicability(), true);
        add(expressions, "suitability", definition.suitability(), true);
        add(expressions, "valueExpression", definition.valueExpression(), false);
        add(expressions, "contextWeight", definition.contextWeight(), false);
        for (String level : List.of("issue", "group")) {
            String name = level.equals("issue") ? definition.issue() : definition.group();
            catalogPolicies.stream().filter(policy -> policy.level.equals(level) && policy.name.equals(name)).findFirst()
                    .ifPresent(policy -> {
                        String origin = level + " " + name + " ";
                        add(expressions, origin + "eligibility", policy.eligibility, true);
                        add(expressions, origin + "applicability", policy.applicability, true);
                        add(expressions, origin + "suitability", policy.suitability, true);
                    });
        }
        // The latest version of each model that scores the action's group, by name.
        Map<String, ModelRegistration> latest = new TreeMap<>();
        for (ModelRegistration model : models) {
            if (model.scope.groups().contains(definition.group())) {
                latest.merge(model.name, model, (one, other) -> one.version >= other.version ? one : other);
            }
        }
        List<AssessmentInputs.ModelUse> scoring = latest.values().stream()
                .map(model -> new AssessmentInputs.ModelUse(model.name, model.version, model.scope.features()))
                .toList();
        return new AssessmentInputs("action", action.id().toString(), action.key(), action.version(), NBA,
                orEmpty(definition.dataUses()), orEmpty(definition.purposes()), subjects(definition.audience()),
                expressions, scoring, perDay(definition.volume()).orElse(null), false);
    }

    /** A model version: the fields its features read, used to evaluate people for offers. */
    public static AssessmentInputs model(ModelRegistered model, boolean firstOfItsName) {
        List<String> features = model.features().stream().map(ModelRegistered.Feature::source).distinct().sorted().toList();
        return new AssessmentInputs("model", model.name(), model.name(), model.version(), NBA, List.of(MODEL_USE),
                List.of("profiling"), List.of("customer", "prospect"), List.of(),
                List.of(new AssessmentInputs.ModelUse(model.name(), model.version(), features)), null, firstOfItsName);
    }

    static List<String> subjects(String audience) {
        if ("CUSTOMERS".equals(audience)) {
            return List.of("customer");
        }
        if ("PROSPECTS".equals(audience)) {
            return List.of("prospect");
        }
        return List.of("customer", "prospect");
    }

    static Optional<Long> perDay(ActionChanged.Volume volume) {
        if (volume == null) {
            return Optional.empty();
        }
        long days = Map.of("DAY", 1L, "WEEK", 7L, "MONTH", 30L).getOrDefault(volume.period(), 1L);
        return Optional.of((volume.max() + days - 1) / days);
    }

    private static void add(List<AssessmentInputs.Expression> expressions, String origin, String text, boolean excludes) {
        if (text != null && !text.isBlank()) {
            expressions.add(new AssessmentInputs.Expression(origin, text, excludes));
        }
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
