package dev.nextbest.privacy.changes;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.util.UUID;
import java.util.Set;

/**
 * What this service needs from the data of a catalog-changes event (the action as nba-service publishes
 * it); every other field is kept in the change's snapshot without being interpreted here.
 */
public record ActionChanged(@NotNull UUID id, @NotBlank String key) {

    public static final String ACTION_CREATED = "dev.nextbest.nba.catalog.action-created.v1";
    /** A version sent for its privacy assessment: it may not go live before one. */
    public static final String ACTION_SUBMITTED = "dev.nextbest.nba.catalog.action-submitted.v1";
    /** The changes registered for assessment. */
    public static final Set<String> TYPES = Set.of(ACTION_CREATED, ACTION_SUBMITTED);
    /**
     * The rest of nba-service's catalogue events: steps of a lifecycle already registered, and live policy and
     * settings changes (assessed with issue 7). Passed over, counted; any other type is a poison event.
     */
    public static final Set<String> PASSED_OVER = Set.of("dev.nextbest.nba.catalog.action-revised.v1",
            "dev.nextbest.nba.catalog.action-activated.v1", "dev.nextbest.nba.catalog.action-rejected.v1",
            "dev.nextbest.nba.catalog.action-retired.v1", "dev.nextbest.nba.catalog.engagement-policy-changed.v1",
            "dev.nextbest.nba.catalog.decision-settings-changed.v1");
}
