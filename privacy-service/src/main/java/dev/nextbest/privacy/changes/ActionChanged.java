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
    public static final Set<String> TYPES = Set.of(ACTION_CREATED);
}
