package dev.nextbest.privacy.assessment;

/**
 * The nine criteria of the EDPB's DPIA guidelines (WP248 rev.01): processing that meets two or more is
 * likely to be high risk and needs a data protection impact assessment. docs/privacy.md says how each is
 * decided from a change.
 */
public enum Criterion {
    EVALUATION_OR_SCORING("evaluation or scoring, including profiling and predicting"),
    AUTOMATED_DECISION_WITH_SIGNIFICANT_EFFECT("automated decision-making with legal or similarly significant effect"),
    SYSTEMATIC_MONITORING("systematic monitoring"),
    SENSITIVE_DATA("sensitive data or data of a highly personal nature"),
    LARGE_SCALE("data processed on a large scale"),
    MATCHING_OR_COMBINING("matching or combining data sets"),
    VULNERABLE_SUBJECTS("data concerning vulnerable data subjects"),
    INNOVATIVE_TECHNOLOGY("innovative use or applying new technological or organisational solutions"),
    PREVENTS_RIGHT_OR_SERVICE("processing that prevents data subjects from exercising a right or using a service");

    private final String description;

    Criterion(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
