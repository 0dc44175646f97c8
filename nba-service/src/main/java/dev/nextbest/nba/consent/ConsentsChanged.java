package dev.nextbest.nba.consent;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Instant;
import java.util.Map;

/**
 * Data of privacy-service's {@value #TYPE} on {@value #TOPIC} (compacted, key = customer id): the customer's
 * whole consent state. Each event replaces the one before; the data is kept whole as the consent view.
 *
 * @param consents           by purpose (marketing, profiling, sharing, ...)
 * @param contactPreferences by channel: what may be sent there
 */
public record ConsentsChanged(
        @NotNull(message = "is required") String customerId,
        @NotNull(message = "is required") Map<String, @Valid @NotNull(message = "must not be null") PurposeConsent> consents,
        Map<String, @Valid @NotNull(message = "must not be null") ContactPreference> contactPreferences) {

    public static final String TOPIC = "consent-changes";
    public static final String TYPE = "dev.nextbest.privacy.consents-changed.v1";

    /** @param expiresAt when a grant lapses; from then it counts as EXPIRED even before privacy-service says so */
    public record PurposeConsent(
            @NotNull(message = "is required") @Pattern(regexp = "GRANTED|DENIED|WITHDRAWN|EXPIRED",
                    message = "must be one of GRANTED, DENIED, WITHDRAWN, EXPIRED") String status,
            @NotNull(message = "is required") Instant changedAt,
            Instant expiresAt) {
    }

    /** @param allow ALL, SERVICE_ONLY (only about the service the customer uses) or NONE */
    public record ContactPreference(
            @NotNull(message = "is required") @Pattern(regexp = "ALL|SERVICE_ONLY|NONE",
                    message = "must be one of ALL, SERVICE_ONLY, NONE") String allow,
            Instant changedAt) {
    }
}
