package dev.nextbest.privacy.consent;

import dev.nextbest.commons.events.Outbox;
import dev.nextbest.commons.web.Problems;
import dev.nextbest.privacy.audit.AuditLog;
import dev.nextbest.privacy.audit.Sha256;
import dev.nextbest.privacy.datamap.DataMap;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The consent ledger: records customers' decisions, keeps every one, and publishes each customer's whole
 * current state on the compacted {@value #TOPIC} topic in the transaction that changes it. The Global
 * Privacy Control signal is recorded as a refusal of sharing and of profiling.
 */
@ApplicationScoped
public class ConsentLedger {

    public static final String TOPIC = "consent-changes";
    public static final String TYPE = "dev.nextbest.privacy.consents-changed.v1";
    /** What the Global Privacy Control signal ({@code Sec-GPC: 1}) refuses: selling or sharing, and profiling. */
    public static final List<String> GPC_PURPOSES = List.of("sharing", "profiling");
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final Outbox outbox;
    private final AuditLog audit;
    private final DataMap dataMap;
    private final Clock clock;

    public ConsentLedger(Outbox outbox, AuditLog audit, DataMap dataMap, Clock clock) {
        this.clock = clock;
        this.outbox = outbox;
        this.audit = audit;
        this.dataMap = dataMap;
    }

    /**
     * Records the decisions (and, with {@code gpc}, the refusals the signal stands for, which win over a grant
     * in the same request).
     *
     * @throws HttpProblem 400 when a decision contradicts itself or names an unknown data category
     */
    public Uni<ConsentState> record(String customerId, ConsentRequest request, boolean gpc, String client) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant givenAt = request.givenAt() == null ? now : request.givenAt().truncatedTo(ChronoUnit.MICROS);
        check(request, givenAt, now);
        List<ConsentRecord> records = new ArrayList<>();
        for (ConsentRequest.Decision decision : request.decisionsOrNone()) {
            records.add(record(customerId, decision.purpose(), decision.status(), decision.expiresAt(),
                    decision.dataCategories(), request, request.method(), givenAt, now, client));
        }
        if (gpc) {
            Instant after = now.plus(1, ChronoUnit.MICROS);
            for (String purpose : GPC_PURPOSES) {
                records.add(record(customerId, purpose, "DENIED", null, null, request, "gpc-signal", givenAt, after, client));
            }
        }
        List<ContactPreference> preferences = request.contactPreferencesOrNone().stream()
                .map(preference -> preference(customerId, preference, request, givenAt, now, client)).toList();
        List<Object> rows = new ArrayList<>(records);
        rows.addAll(preferences);
        Map<String, Object> details = new LinkedHashMap<>();
        // The audit log outlives an erasure: it names the customer only by the digest of their id.
        details.put("subject", Sha256.hex(customerId));
        details.put("decisions", records.stream().map(r -> r.purpose + " " + r.status).toList());
        details.put("contactPreferences", preferences.stream().map(p -> p.channel + " " + p.allow).toList());
        details.put("channel", request.channel());
        details.put("method", request.method());
        details.put("gpc", gpc);
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> Multi.createFrom().iterable(rows).onItem()
                                .transformToUniAndConcatenate(session::persist).collect().last())
                        .chain(() -> publish(customerId, now))
                        .call(() -> audit.append("consent-recorded", "consents of " + details.get("subject"), client, details)));
    }

    public Uni<ConsentState> state(String customerId) {
        return Panache.withSession(() -> load(customerId, clock.instant()));
    }

    /** Publishes the customer's state as it is at {@code now}, inside the caller's transaction. */
    Uni<ConsentState> publish(String customerId, Instant now) {
        return load(customerId, now).call(state -> outbox.add(TOPIC, customerId, TYPE, customerId, state.event()));
    }

    private Uni<ConsentState> load(String customerId, Instant now) {
        return Panache.getSession().chain(session -> session
                .createQuery("from ConsentRecord where customerId = :customer", ConsentRecord.class)
                .setParameter("customer", customerId).getResultList()
                .chain(records -> session
                        .createQuery("from ContactPreference where customerId = :customer", ContactPreference.class)
                        .setParameter("customer", customerId).getResultList()
                        .map(preferences -> ConsentState.of(customerId, records, preferences, now))));
    }

    private void check(ConsentRequest request, Instant givenAt, Instant now) {
        if (givenAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw badRequest("givenAt " + givenAt + " is in the future");
        }
        if (request.decisionsOrNone().isEmpty() && request.contactPreferencesOrNone().isEmpty()) {
            throw badRequest("the request records nothing: list at least one decision or contact preference");
        }
        Set<String> channels = new HashSet<>();
        for (ConsentRequest.ContactPreferenceDecision preference : request.contactPreferencesOrNone()) {
            if (!channels.add(preference.channel())) {
                throw badRequest("the contact preference for " + preference.channel() + " is listed twice");
            }
        }
        Set<String> purposes = new HashSet<>();
        for (ConsentRequest.Decision decision : request.decisionsOrNone()) {
            if (!purposes.add(decision.purpose())) {
                throw badRequest("purpose " + decision.purpose() + " is listed twice");
            }
            if (decision.expiresAt() != null && !"GRANTED".equals(decision.status())) {
                throw badRequest("purpose " + decision.purpose() + ": only a grant can expire");
            }
            if (decision.expiresAt() != null && !decision.expiresAt().isAfter(givenAt)) {
                throw badRequest("purpose " + decision.purpose() + ": expiresAt must be after givenAt");
            }
            if (decision.dataCategories() != null) {
                decision.dataCategories().stream().filter(category -> !dataMap.taxonomy().isCategory(category)).findFirst()
                        .ifPresent(category -> {
                            throw badRequest("purpose " + decision.purpose() + ": '" + category
                                    + "' is not a data category of the taxonomy (GET /privacy/v1/taxonomy lists them)");
                        });
            }
        }
    }

    private static ContactPreference preference(String customerId, ConsentRequest.ContactPreferenceDecision decision,
                                                ConsentRequest request, Instant givenAt, Instant recordedAt, String client) {
        ContactPreference preference = new ContactPreference();
        preference.id = UUID.randomUUID();
        preference.customerId = customerId;
        preference.channel = decision.channel();
        preference.allow = decision.allow();
        preference.collectedOn = request.channel();
        preference.jurisdiction = request.jurisdiction();
        preference.method = request.method();
        preference.notice = request.notice();
        preference.givenAt = givenAt;
        preference.recordedAt = recordedAt;
        preference.recordedBy = client;
        return preference;
    }

    private static ConsentRecord record(String customerId, String purpose, String status, Instant expiresAt,
                                        List<String> categories, ConsentRequest request, String method, Instant givenAt,
                                        Instant recordedAt, String client) {
        ConsentRecord record = new ConsentRecord();
        record.id = UUID.randomUUID();
        record.customerId = customerId;
        record.purpose = purpose;
        record.status = status;
        record.scope = new ConsentRecord.Scope(categories == null ? List.of() : List.copyOf(categories));
        record.lawfulBasis = request.lawfulBasis() == null ? "CONSENT" : request.lawfulBasis();
        record.channel = request.channel();
        record.jurisdiction = request.jurisdiction();
        record.method = method;
        record.notice = request.notice();
        record.givenAt = givenAt;
        record.expiresAt = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS);
        record.recordedAt = recordedAt;
        record.recordedBy = client;
        return record;
    }

    static HttpProblem badRequest(String detail) {
        return Problems.badRequest(detail);
    }
}
