package dev.nextbest.nba.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A request to add an action to the catalogue: its key and its first version, which starts as a DRAFT. */
public record NewAction(
        @NotNull(message = "is required") @Pattern(regexp = ActionDefinition.SLUG, message = ActionDefinition.SLUG_MESSAGE) String key,
        @NotNull(message = "is required") @Valid ActionDefinition definition) {
}
