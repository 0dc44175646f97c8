package dev.nextbest.profile.consents;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Map;

/**
 * Data of a {@value #TYPE} event on {@value #TOPIC} (compacted, key = customer id): the customer's whole
 * current consent state, by purpose, as privacy-service holds it. Each event replaces the previous state.
 */
public record ConsentsChanged(
        @NotNull(message = "is required") String customerId,
        @NotNull(message = "is required") @Size(max = 100, message = "may hold at most 100 purposes")
        Map<@Pattern(regexp = "[a-z][a-z0-9-]{0,63}", message = "purposes must be lower-case words joined by '-'") String,
                @Valid @NotNull(message = "must not be null") PurposeConsent> consents) {

    public static final String TOPIC = "consent-changes";
    public static final String TYPE = "dev.nextbest.privacy.consents-changed.v1";

    public record PurposeConsent(
            @NotNull(message = "is required")
            @Pattern(regexp = "GRANTED|DENIED|WITHDRAWN|EXPIRED", message = "must be one of GRANTED, DENIED, WITHDRAWN, EXPIRED") String status,
            @NotNull(message = "is required") Instant changedAt) {
    }
}
