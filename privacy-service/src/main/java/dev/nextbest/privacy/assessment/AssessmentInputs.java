package dev.nextbest.privacy.assessment;

import java.util.List;

/**
 * Everything an assessment reads about a change, stored with it: assessing the same inputs with the same
 * policy versions and data map always gives the same result.
 *
 * @param kind        what changed: "action" (a catalogue action version) or "model" (a model version)
 * @param subjectId   its id (the action id, or the model name)
 * @param subjectKey  its key, for people
 * @param version     its version
 * @param system      the service that makes the change, whose data map applies
 * @param dataUses    the data uses it declares
 * @param purposes    the consent purposes it declares it needs
 * @param subjects    whom its data is about (data subjects)
 * @param expressions the CEL expressions it runs (its own, and its group's and issue's engagement policies)
 * @param models      the models that score it, with the fields their features read
 * @param volumePerDay how many times a day it may be given at most; null when unlimited
 * @param newTechnology whether it brings a kind of processing the platform did not do before (a new model)
 */
public record AssessmentInputs(String kind, String subjectId, String subjectKey, int version, String system,
                               List<String> dataUses, List<String> purposes, List<String> subjects,
                               List<Expression> expressions, List<ModelUse> models, Long volumePerDay,
                               boolean newTechnology) {

    public AssessmentInputs {
        dataUses = List.copyOf(dataUses);
        purposes = List.copyOf(purposes);
        subjects = List.copyOf(subjects);
        expressions = List.copyOf(expressions);
        models = List.copyOf(models);
    }

    /**
     * One expression and where it comes from.
     *
     * @param origin   e.g. "eligibility", "group upgrades suitability", "valueExpression"
     * @param excludes whether it can withhold the action from a person (eligibility, applicability, suitability)
     */
    public record Expression(String origin, String text, boolean excludes) {
    }

    /** A model that scores the change, and the fields its features read. */
    public record ModelUse(String name, int version, List<String> features) {
        public ModelUse {
            features = List.copyOf(features);
        }
    }
}
