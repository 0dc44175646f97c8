package dev.nextbest.nba.consent;

import java.time.Instant;
import java.util.Map;

/**
 * What one decision knows of the customer's consents: each purpose's status at the decision's time (a grant
 * past its expiry is EXPIRED; a purpose never decided is UNKNOWN) and what may be sent on each channel.
 */
public final class ConsentView {

    /** Someone privacy-service holds nothing about: every purpose UNKNOWN, every channel ALL. */
    public static final ConsentView NONE = new ConsentView(Map.of(), Map.of());

    public static final String UNKNOWN = "UNKNOWN";
    public static final String GRANTED = "GRANTED";
    public static final String EXPIRED = "EXPIRED";

    private final Map<String, ConsentsChanged.PurposeConsent> purposes;
    private final Map<String, ConsentsChanged.ContactPreference> contact;

    private ConsentView(Map<String, ConsentsChanged.PurposeConsent> purposes,
                        Map<String, ConsentsChanged.ContactPreference> contact) {
        this.purposes = purposes;
        this.contact = contact;
    }

    public static ConsentView of(ConsentsChanged state) {
        return new ConsentView(state.consents() == null ? Map.of() : state.consents(),
                state.contactPreferences() == null ? Map.of() : state.contactPreferences());
    }

    /** GRANTED, DENIED, WITHDRAWN, EXPIRED or UNKNOWN. */
    public String status(String purpose, Instant now) {
        ConsentsChanged.PurposeConsent consent = purposes.get(purpose);
        if (consent == null) {
            return UNKNOWN;
        }
        if (GRANTED.equals(consent.status()) && consent.expiresAt() != null && !consent.expiresAt().isAfter(now)) {
            return EXPIRED;
        }
        return consent.status();
    }

    public boolean granted(String purpose, Instant now) {
        return GRANTED.equals(status(purpose, now));
    }

    /** When the purpose's status last changed (or its grant expired); null when UNKNOWN. */
    public Instant changedAt(String purpose, Instant now) {
        ConsentsChanged.PurposeConsent consent = purposes.get(purpose);
        if (consent == null) {
            return null;
        }
        return EXPIRED.equals(status(purpose, now)) && consent.expiresAt() != null ? consent.expiresAt() : consent.changedAt();
    }

    /** ALL, SERVICE_ONLY or NONE; ALL when the customer said nothing about the channel. */
    public String allowedOn(String channel) {
        ConsentsChanged.ContactPreference preference = contact.get(channel);
        return preference == null ? "ALL" : preference.allow();
    }
}
