package dev.nextbest.profile.segments;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A rule segment to create: an id, a name, and a CEL expression over {@code profile} and {@code traits}. */
public record NewSegment(
        @NotBlank(message = "must be given")
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be lower-case letters, digits and '-' (at most 63)")
        String id,
        @NotBlank(message = "must be given") @Size(max = 200, message = "must be at most 200 characters") String name,
        @Size(max = 2000, message = "must be at most 2000 characters") String description,
        @NotBlank(message = "must be given") @Size(max = 4000, message = "must be at most 4000 characters") String expression) {
}
