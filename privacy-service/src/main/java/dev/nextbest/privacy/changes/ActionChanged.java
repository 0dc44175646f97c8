package dev.nextbest.privacy.changes;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What this service needs from the data of an action's catalog-changes event (the action version as
 * nba-service publishes it); every other field is kept in the change's snapshot without being interpreted here.
 */
public record ActionChanged(@NotNull UUID id, @NotBlank String key, @Min(1) Integer version, @Valid Definition definition) {

    public static final String ACTION_CREATED = "dev.nextbest.nba.catalog.action-created.v1";
    /** A version sent for its privacy assessment: it may not go live before one. */
    public static final String ACTION_SUBMITTED = "dev.nextbest.nba.catalog.action-submitted.v1";
    /** The action events registered. */
    public static final Set<String> TYPES = Set.of(ACTION_CREATED, ACTION_SUBMITTED);
    /**
     * The rest of nba-service's action events: steps of a lifecycle the assessment already saw, and live
     * settings. Passed over, counted.
     */
    public static final Set<String> PASSED_OVER = Set.of("dev.nextbest.nba.catalog.action-revised.v1",
            "dev.nextbest.nba.catalog.action-activated.v1", "dev.nextbest.nba.catalog.action-rejected.v1",
            "dev.nextbest.nba.catalog.action-retired.v1", "dev.nextbest.nba.catalog.decision-settings-changed.v1");

    /** The parts of an action's definition that say what data it reads, for what, about whom, how often. */
    public record Definition(@NotBlank String issue, @NotBlank String group, List<String> purposes, List<String> dataUses,
                             String audience, String eligibility, String applicability, String suitability,
                             String valueExpression, String contextWeight, @Valid Volume volume) {
    }

    public record Volume(@NotNull @Min(1) Long max, @NotNull String period) {
    }
}
