package dev.nextbest.privacy.policy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A privacy policy as code, in the shape of a fides policy: rules that each forbid a combination of data
 * categories, data uses and data subjects. Loaded from {@code policies/*.yaml}, versioned, editable by API.
 */
public record PrivacyPolicy(
        @NotNull(message = "is required") @Pattern(regexp = KEY, message = KEY_MESSAGE) String key,
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String name,
        @Size(max = 2000, message = "must be at most 2000 characters") String description,
        @NotEmpty(message = "must hold at least one rule") @Size(max = 200, message = "may hold at most 200 rules")
        List<@Valid @NotNull(message = "must not be null") Rule> rules) {

    static final String KEY = "[a-z][a-z0-9-]{0,63}";
    static final String KEY_MESSAGE = "must be lower-case letters, digits and '-', at most 64";

    /**
     * One rule. It is violated by a declaration only when its categories, its uses and its subjects all match
     * (fides's semantics).
     */
    public record Rule(
            @NotNull(message = "is required") @Pattern(regexp = KEY, message = KEY_MESSAGE) String key,
            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String name,
            @Size(max = 2000, message = "must be at most 2000 characters") String description,
            @NotNull(message = "is required") @Valid Terms dataCategories,
            @NotNull(message = "is required") @Valid Terms dataUses,
            @NotNull(message = "is required") @Valid Terms dataSubjects) {
    }

    /** Taxonomy keys and how a declaration's keys must relate to them for this part of the rule to match. */
    public record Terms(
            @NotNull(message = "is required: ANY, ALL, NONE or OTHER") Matches matches,
            @NotEmpty(message = "must name at least one taxonomy key") @Size(max = 100, message = "may name at most 100 keys")
            List<@NotBlank(message = "must not be blank") String> values) {
    }

    /**
     * How a rule's keys are compared with a declaration's (each declared key stands with its ancestors):
     * ANY, some declared key matches; ALL, every declared key matches; NONE, no declared key matches;
     * OTHER, some declared key does not match.
     */
    public enum Matches { ANY, ALL, NONE, OTHER }
}
