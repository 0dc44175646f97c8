package dev.nextbest.privacy.changes;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Instant;

/**
 * Data of nba-service's {@value #TYPE}: an issue's or group's engagement policies as they now stand; all
 * three null when they were removed.
 */
public record EngagementPolicyChanged(@NotNull @Pattern(regexp = "issue|group") String level, @NotBlank String name,
                                      String eligibility, String applicability, String suitability,
                                      @NotNull Instant updatedAt) {

    public static final String TYPE = "dev.nextbest.nba.catalog.engagement-policy-changed.v1";

    public boolean removed() {
        return eligibility == null && applicability == null && suitability == null;
    }
}
