package dev.nextbest.nba.features;

import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/**
 * What this service checks of a {@value #TYPE} event's data (profile-service's schema v1); the whole data is
 * kept as the customer's features. Unknown fields are welcome: v1 may grow.
 */
public record ProfileUpdated(@NotNull(message = "is required") String customerId,
                             @NotNull(message = "is required") Instant updatedAt) {

    public static final String TOPIC = "profile-updates";
    public static final String TYPE = "dev.nextbest.profile.profile-updated.v1";
}
