package dev.nextbest.nba.scoring;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * What is uploaded with a model's ONNX bytes: its name (versions are numbered per name), the action groups it
 * scores, and its feature specification.
 */
public record ModelDescriptor(
        @NotNull(message = "is required") @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}", message = "must be lower-case letters, digits and '-' (at most 64)") String name,
        @Size(max = 2000) String description,
        @NotNull(message = "is required") @Size(min = 1, max = 50, message = "must name 1 to 50 action groups")
        List<@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}", message = "must be an action group") String> groups,
        @NotNull(message = "is required") @Size(min = 1, max = 500, message = "must list 1 to 500 features")
        List<FeatureSpec.@Valid @NotNull Feature> features) {

    public FeatureSpec spec() {
        return new FeatureSpec(features);
    }
}
