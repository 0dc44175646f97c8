package dev.nextbest.nba.catalog;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A request to add an action to the catalogue. It starts as a DRAFT. */
public record NewAction(
        @NotNull @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String key,
        @NotNull @Size(min = 1, max = 200) String name,
        @NotNull @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String issue,
        @NotNull @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String group,
        @Size(max = 2000) String description) {

    static final String SLUG = "[a-z0-9][a-z0-9-]{0,63}";
    static final String SLUG_MESSAGE = "must be lower-case letters, digits and '-' (at most 64)";
}
