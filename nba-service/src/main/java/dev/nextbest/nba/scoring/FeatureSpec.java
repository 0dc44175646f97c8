package dev.nextbest.nba.scoring;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * What a model reads, in the order of its input columns: each feature's name, where its value comes from
 * ({@code profile.…}, {@code context.…} or {@code action.…}) and how it is encoded. The same specification
 * encodes the training rows and the decisions' candidates, so a model never sees a column it was not
 * trained on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureSpec(
        @NotNull(message = "is required") @Size(min = 1, max = 500, message = "must list 1 to 500 features")
        List<@Valid @NotNull Feature> features) {

    /** One input feature. A missing value encodes as {@code defaultValue} (number, boolean) or all zeros (one-hot). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Feature(
            @NotNull(message = "is required") @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}", message = "must be 1 to 64 letters, digits, '_', '.' or '-'") String name,
            @NotNull(message = "is required") @Pattern(regexp = "(profile|context|action)(\\.[A-Za-z0-9_-]+)+",
                    message = "must be a path under profile, context or action, e.g. profile.attributes.age") String source,
            @NotNull(message = "is required") Encoding encoding,
            @Size(max = 200, message = "at most 200 categories") List<@NotEmpty String> categories,
            @JsonProperty("default") Double defaultValue) {

        /** How many input columns the feature takes. */
        @JsonIgnore
        public int width() {
            return encoding == Encoding.ONE_HOT ? (categories == null ? 0 : categories.size()) : 1;
        }
    }

    public enum Encoding {
        /** The value as a number. */
        @JsonProperty("number") NUMBER,
        /** 1 for true (or "yes", "1"), else 0. */
        @JsonProperty("boolean") BOOLEAN,
        /** One column per category: 1 in the value's column, 0 elsewhere (an unlisted value is all zeros). */
        @JsonProperty("one-hot") ONE_HOT
    }

    /** The model's input width: the sum of the features' widths. */
    @JsonIgnore
    public int width() {
        return features.stream().mapToInt(Feature::width).sum();
    }
}
