package dev.nextbest.nba.contact;

import java.util.Map;

/**
 * What the contact policies need to know about one customer, read from Redis in one call per decision: per
 * action, impressions since the last response and when it was last rejected or accepted; per product, when
 * the customer bought it through an offer; per channel and day, impressions.
 */
public final class ContactHistory {

    public static final ContactHistory NONE = new ContactHistory(Map.of());

    private final Map<String, String> fields;

    ContactHistory(Map<String, String> fields) {
        this.fields = fields;
    }

    /** A history from the fields as {@link ContactCounters} keeps them ("imp:action", "rej:action", "ch:email:20500"...). */
    public static ContactHistory of(Map<String, String> fields) {
        return new ContactHistory(Map.copyOf(fields));
    }

    public long impressionsWithoutResponse(String action) {
        return number("imp:" + action);
    }

    /** Epoch second of the last reject, or 0. */
    public long rejectedAt(String action) {
        return number("rej:" + action);
    }

    /** Epoch second of the last accept or conversion, or 0. */
    public long acceptedAt(String action) {
        return number("acc:" + action);
    }

    /** Epoch second when the customer converted on an offer selling the product, or 0. */
    public long boughtAt(String product) {
        return number("held:" + product);
    }

    /** Impressions on the channel in the {@code days} days up to and including {@code today} (epoch day). */
    public long channelImpressions(String channel, int days, long today) {
        long total = 0;
        for (long day = today - days + 1; day <= today; day++) {
            total += number("ch:" + channel + ":" + day);
        }
        return total;
    }

    private long number(String field) {
        String value = fields.get(field);
        return value == null ? 0 : Long.parseLong(value);
    }
}
