package dev.nextbest.profile.store;

/** What identifies an event for idempotency: its CloudEvents source and id, together. */
public record EventKey(String source, String id) {

    /** From a row that a statement returned as (source, id). */
    public static EventKey of(Object[] row) {
        return new EventKey((String) row[0], (String) row[1]);
    }
}
