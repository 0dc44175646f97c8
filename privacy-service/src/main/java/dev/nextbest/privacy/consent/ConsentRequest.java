package dev.nextbest.privacy.consent;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/**
 * What a channel or an agent records: the customer's decisions about purposes, their contact preferences per
 * channel, or both; and how they were collected.
 *
 * @param decisions    decisions about purposes (marketing, profiling, sharing, ...)
 * @param contactPreferences what may be sent on which channel, e.g. email SERVICE_ONLY ("only contact me when it ships")
 * @param channel      where: web, app, agent, ivr, email, sms, store
 * @param jurisdiction ISO 3166 code whose law applies (GB, DE, US-CA)
 * @param method       how it was collected (web-form, app-toggle, agent-verbal, ...)
 * @param notice       the version of the privacy notice the customer was shown
 * @param lawfulBasis  CONSENT (default), CONTRACT, LEGAL_OBLIGATION, LEGITIMATE_INTEREST
 * @param givenAt      when the customer decided (default: now); not in the future
 */
public record ConsentRequest(
        @Size(max = 50, message = "may list at most 50 purposes")
        List<@Valid @NotNull(message = "must not be null") Decision> decisions,
        @Size(max = 7, message = "may list at most 7 channels")
        List<@Valid @NotNull(message = "must not be null") ContactPreferenceDecision> contactPreferences,
        @NotNull(message = "is required") @Pattern(regexp = CHANNELS, message = CHANNELS_MESSAGE) String channel,
        @NotNull(message = "is required") @Pattern(regexp = "[A-Z]{2}(-[A-Z0-9]{1,3})?",
                message = "must be an ISO 3166 code such as GB, DE or US-CA") String jurisdiction,
        @NotNull(message = "is required") @Pattern(regexp = SLUG, message = "must be lower-case words joined by '-', such as web-form") String method,
        @Size(max = 64, message = "must be at most 64 characters") String notice,
        @Pattern(regexp = "CONSENT|CONTRACT|LEGAL_OBLIGATION|LEGITIMATE_INTEREST",
                message = "must be one of CONSENT, CONTRACT, LEGAL_OBLIGATION, LEGITIMATE_INTEREST") String lawfulBasis,
        Instant givenAt) {

    static final String SLUG = "[a-z][a-z0-9-]{0,63}";
    static final String CHANNELS = "web|app|agent|ivr|email|sms|store";
    static final String CHANNELS_MESSAGE = "must be one of web, app, agent, ivr, email, sms, store";

    public List<Decision> decisionsOrNone() {
        return decisions == null ? List.of() : decisions;
    }

    public List<ContactPreferenceDecision> contactPreferencesOrNone() {
        return contactPreferences == null ? List.of() : contactPreferences;
    }

    /**
     * One purpose's decision.
     *
     * @param expiresAt      when a grant lapses (then it is not used); null: it does not expire
     * @param dataCategories the data categories it covers (taxonomy keys)
     */
    public record Decision(
            @NotNull(message = "is required") @Pattern(regexp = SLUG, message = "must be lower-case words joined by '-', such as marketing") String purpose,
            @NotNull(message = "is required") @Pattern(regexp = "GRANTED|DENIED|WITHDRAWN",
                    message = "must be one of GRANTED, DENIED, WITHDRAWN") String status,
            Instant expiresAt,
            @Size(max = 50, message = "may list at most 50") List<@NotNull(message = "must not be null") String> dataCategories) {
    }

    /**
     * What the customer lets us send on one channel.
     *
     * @param allow ALL, SERVICE_ONLY (only about the service they use: deliveries, bills, security) or NONE
     */
    public record ContactPreferenceDecision(
            @NotNull(message = "is required") @Pattern(regexp = CHANNELS, message = CHANNELS_MESSAGE) String channel,
            @NotNull(message = "is required") @Pattern(regexp = "ALL|SERVICE_ONLY|NONE",
                    message = "must be one of ALL, SERVICE_ONLY, NONE") String allow) {
    }
}
