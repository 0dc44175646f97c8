package dev.nextbest.nba.catalog;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Names the version a lifecycle step is about, so that nobody submits another version than they read. */
public record VersionDecision(@NotNull(message = "is required") @Min(1) Integer version) {
}
