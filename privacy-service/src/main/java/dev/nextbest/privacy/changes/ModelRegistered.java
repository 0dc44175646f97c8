package dev.nextbest.privacy.changes;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.util.List;
import java.util.UUID;

/** Data of nba-service's {@value #TYPE}: a model version registered, the groups it scores and its features. */
public record ModelRegistered(@NotNull UUID id, @NotBlank String name, @Min(1) int version,
                              @NotEmpty List<@NotBlank String> groups,
                              @NotNull List<@Valid @NotNull Feature> features) {

    public static final String TYPE = "dev.nextbest.nba.catalog.model-registered.v1";

    public record Feature(@NotBlank String name, @NotBlank String source) {
    }
}
