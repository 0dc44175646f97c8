package dev.nextbest.nba.catalog;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Names the version a lifecycle step is about (so that nobody approves another version than they read), and why. */
public record VersionDecision(@NotNull(message = "is required") @Min(1) Integer version,
                              @Size(max = 2000) String note) {
}
