package dev.nextbest.privacy.consent;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A customer's consents as they stand at one moment: the latest decision per purpose, a grant past its
 * expiry counting as EXPIRED, and the latest contact preference per channel; and the whole history of
 * both, newest first.
 */
public record ConsentState(String customerId, SortedMap<String, PurposeState> purposes,
                           SortedMap<String, ContactPreferenceState> contactPreferences, List<HistoryEntry> history,
                           List<ContactPreferenceEntry> contactPreferenceHistory) {

    public static final String EXPIRED = "EXPIRED";

    /** One purpose now. {@code changedAt}: when decided, or when the grant expired. */
    public record PurposeState(String status, Instant changedAt, Instant expiresAt, String lawfulBasis, String channel,
                               String method, List<String> dataCategories) {
    }

    public record HistoryEntry(String purpose, String status, Instant givenAt, Instant expiresAt, String lawfulBasis,
                               String channel, String jurisdiction, String method, String notice, Instant recordedAt,
                               String recordedBy) {
    }

    /** What may be sent on one channel now: ALL, SERVICE_ONLY or NONE. */
    public record ContactPreferenceState(String allow, Instant changedAt, String collectedOn, String method) {
    }

    public record ContactPreferenceEntry(String channel, String allow, Instant givenAt, String collectedOn,
                                         String jurisdiction, String method, String notice, Instant recordedAt,
                                         String recordedBy) {
    }

    /** The latest decision per purpose wins: the later given, then the later recorded. */
    static final Comparator<ConsentRecord> NEWEST_FIRST = Comparator.comparing((ConsentRecord record) -> record.givenAt)
            .thenComparing(record -> record.recordedAt).reversed();

    static final Comparator<ContactPreference> LATEST_FIRST = Comparator.comparing((ContactPreference p) -> p.givenAt)
            .thenComparing(p -> p.recordedAt).reversed();

    public static ConsentState of(String customerId, List<ConsentRecord> records, List<ContactPreference> preferences,
                                  Instant now) {
        List<ConsentRecord> newestFirst = records.stream().sorted(NEWEST_FIRST).toList();
        SortedMap<String, PurposeState> purposes = new TreeMap<>();
        for (ConsentRecord record : newestFirst) {
            purposes.computeIfAbsent(record.purpose, purpose -> {
                boolean expired = "GRANTED".equals(record.status) && record.expiresAt != null && !record.expiresAt.isAfter(now);
                return new PurposeState(expired ? EXPIRED : record.status, expired ? record.expiresAt : record.givenAt,
                        record.expiresAt, record.lawfulBasis, record.channel, record.method, record.scope.dataCategories());
            });
        }
        List<HistoryEntry> history = newestFirst.stream().map(record -> new HistoryEntry(record.purpose, record.status,
                record.givenAt, record.expiresAt, record.lawfulBasis, record.channel, record.jurisdiction, record.method,
                record.notice, record.recordedAt, record.recordedBy)).toList();
        List<ContactPreference> latestFirst = preferences.stream().sorted(LATEST_FIRST).toList();
        SortedMap<String, ContactPreferenceState> contact = new TreeMap<>();
        latestFirst.forEach(p -> contact.putIfAbsent(p.channel,
                new ContactPreferenceState(p.allow, p.givenAt, p.collectedOn, p.method)));
        List<ContactPreferenceEntry> contactHistory = latestFirst.stream().map(p -> new ContactPreferenceEntry(p.channel,
                p.allow, p.givenAt, p.collectedOn, p.jurisdiction, p.method, p.notice, p.recordedAt, p.recordedBy)).toList();
        return new ConsentState(customerId, purposes, contact, history, contactHistory);
    }

    /**
     * The data of a consents-changed event: each purpose's status, when it changed, when it expires; and each
     * channel's contact preference.
     */
    public Map<String, Object> event() {
        Map<String, Object> consents = new TreeMap<>();
        purposes.forEach((purpose, state) -> {
            Map<String, Object> entry = new TreeMap<>();
            entry.put("status", state.status());
            entry.put("changedAt", state.changedAt());
            if (state.expiresAt() != null) {
                entry.put("expiresAt", state.expiresAt());
            }
            consents.put(purpose, entry);
        });
        Map<String, Object> contact = new TreeMap<>();
        contactPreferences.forEach((channel, state) -> contact.put(channel,
                Map.of("allow", state.allow(), "changedAt", state.changedAt())));
        return Map.of("customerId", customerId, "consents", consents, "contactPreferences", contact);
    }
}
