package dev.nextbest.privacy.requests;

import dev.nextbest.commons.events.Outbox;
import dev.nextbest.privacy.PrivacyConfig;
import dev.nextbest.privacy.audit.AuditLog;
import dev.nextbest.privacy.audit.Sha256;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Data-subject requests from start to finish: one is opened and sent on {@value SubjectRequested#TOPIC} to every
 * service that holds customer data; each service's answer on {@value ErasureCompleted#TOPIC} is recorded (for
 * an erasure, what it erased; for an access request, everything it holds about the customer); the request
 * completes only when every service has answered. A service that has not is sent the request again after a
 * while; a request past its deadline is escalated (OVERDUE, in the audit log and the log, counted) and still
 * completes if the answers come. An access request's bundle is kept for a while, then its parts are cleared.
 */
@ApplicationScoped
public class SubjectRequests {

    private static final Logger LOG = Logger.getLogger(SubjectRequests.class);

    private final Outbox outbox;
    private final AuditLog audit;
    private final List<String> services;
    private final Duration deadline;
    private final Duration retryAfter;
    private final Duration bundleRetention;
    private final Counter escalated;
    private final Counter unknownConfirmations;
    private final Clock clock;

    public SubjectRequests(Outbox outbox, AuditLog audit, MeterRegistry registry,
                           PrivacyConfig config, Clock clock) {
        this.clock = clock;
        this.outbox = outbox;
        this.audit = audit;
        this.services = List.copyOf(config.requests().services());
        this.deadline = config.requests().deadline();
        this.retryAfter = config.requests().retryAfter();
        this.bundleRetention = config.requests().bundleRetention();
        this.escalated = registry.counter("privacy.requests.escalated");
        this.unknownConfirmations = registry.counter("privacy.requests.unknown-confirmations");
    }

    /** @return the open request of that kind for the customer: a new one, or the one already open (then {@code created} is false) */
    public Uni<Opened> open(SubjectRequest.Kind kind, String customerId, String requestedBy) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createQuery("from SubjectRequest where customerId = :customer and kind = :kind and status <> 'COMPLETED'",
                                SubjectRequest.class)
                        .setParameter("customer", customerId).setParameter("kind", kind.name())
                        .getResultList()
                        .chain(open -> open.isEmpty() ? create(session, kind, customerId, requestedBy, now).map(view -> new Opened(view, true))
                                : view(session, open.get(0)).map(view -> new Opened(view, false)))));
    }

    public record Opened(RequestView request, boolean created) {
    }

    private Uni<RequestView> create(Mutiny.Session session, SubjectRequest.Kind kind, String customerId,
                                    String requestedBy, Instant now) {
        SubjectRequest request = new SubjectRequest();
        request.id = UUID.randomUUID();
        request.kind = kind.name();
        request.customerId = customerId;
        request.subjectDigest = Sha256.hex(customerId);
        request.status = SubjectRequest.Status.OPEN.name();
        request.requestedAt = now;
        request.requestedBy = requestedBy;
        request.dueAt = now.plus(deadline);
        List<ServiceConfirmation> parts = new ArrayList<>();
        for (String service : services) {
            ServiceConfirmation part = new ServiceConfirmation();
            part.id = UUID.randomUUID();
            part.requestId = request.id;
            part.service = service;
            part.status = ServiceConfirmation.Status.WAITING.name();
            part.attempts = 1;
            part.lastSentAt = now;
            parts.add(part);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("subject", request.subjectDigest);
        details.put("services", services);
        details.put("dueAt", request.dueAt.toString());
        return session.persist(request)
                .chain(() -> Multi.createFrom().iterable(parts).onItem().transformToUniAndConcatenate(session::persist).collect().last())
                .chain(() -> send(request))
                .chain(() -> audit.append(step(request, "requested"), "request " + request.id, requestedBy, details))
                .replaceWith(() -> RequestView.of(request, parts));
    }

    private Uni<Void> send(SubjectRequest request) {
        String type = SubjectRequest.Kind.ACCESS.name().equals(request.kind) ? SubjectRequested.ACCESS : SubjectRequested.ERASURE;
        return outbox.add(SubjectRequested.TOPIC, request.customerId, type, request.customerId,
                new SubjectRequested(request.id, request.customerId)).replaceWithVoid();
    }

    /** The audit log's kind of a request's step, e.g. erasure-confirmed. */
    private static String step(SubjectRequest request, String step) {
        return request.kind.toLowerCase(java.util.Locale.ROOT) + "-" + step;
    }

    /** Records one service's answer to an access request; the last one completes it. */
    public Uni<Void> answer(AccessPart part) {
        return confirm(new Answer(part.requestId(), part.service(), part.customerId(), null, part.data()));
    }

    /** Records one service's confirmation of an erasure; the last one completes it. */
    public Uni<Void> confirm(ErasureCompleted confirmation) {
        return confirm(new Answer(confirmation.requestId(), confirmation.service(), confirmation.customerId(),
                confirmation.erased() == null ? Map.of() : confirmation.erased(), null));
    }

    private record Answer(UUID requestId, String service, String customerId, Map<String, Long> erased,
                          com.fasterxml.jackson.databind.JsonNode part) {
    }

    private Uni<Void> confirm(Answer confirmation) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .find(SubjectRequest.class, confirmation.requestId(), LockMode.PESSIMISTIC_WRITE)
                .chain(request -> {
                    if (request == null) {
                        unknownConfirmations.increment();
                        LOG.warnf("a confirmation from %s names request %s, which is not known here; passed over",
                                confirmation.service(), confirmation.requestId());
                        return Uni.createFrom().voidItem();
                    }
                    if (request.customerId != null && !request.customerId.equals(confirmation.customerId())) {
                        throw new IllegalArgumentException("the answer from " + confirmation.service()
                                + " names another customer than request " + request.id);
                    }
                    boolean access = SubjectRequest.Kind.ACCESS.name().equals(request.kind);
                    if (access != (confirmation.part() != null)) {
                        throw new IllegalArgumentException("the answer from " + confirmation.service() + " does not fit request "
                                + request.id + ", a " + request.kind.toLowerCase(java.util.Locale.ROOT) + " request");
                    }
                    return parts(session, request.id).chain(parts -> record(session, request, parts, confirmation, now));
                })));
    }

    private Uni<Void> record(Mutiny.Session session, SubjectRequest request, List<ServiceConfirmation> parts,
                             Answer confirmation, Instant now) {
        Optional<ServiceConfirmation> part = parts.stream().filter(p -> p.service.equals(confirmation.service())).findFirst();
        if (part.isEmpty()) {
            unknownConfirmations.increment();
            LOG.warnf("request %s: a confirmation from %s, which is not one of the services asked; passed over",
                    request.id, confirmation.service());
            return Uni.createFrom().voidItem();
        }
        boolean first = !ServiceConfirmation.Status.CONFIRMED.name().equals(part.get().status);
        part.get().status = ServiceConfirmation.Status.CONFIRMED.name();
        part.get().erased = confirmation.erased();
        part.get().part = confirmation.part();
        part.get().confirmedAt = now;
        boolean allConfirmed = parts.stream().allMatch(p -> ServiceConfirmation.Status.CONFIRMED.name().equals(p.status));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("service", confirmation.service());
        if (confirmation.erased() != null) {
            details.put("erased", confirmation.erased());
        }
        Uni<Void> recorded = !first ? Uni.createFrom().voidItem()
                : audit.append(step(request, "confirmed"), "request " + request.id, confirmation.service(), details).replaceWithVoid();
        if (!allConfirmed || SubjectRequest.Status.COMPLETED.name().equals(request.status)) {
            return recorded;
        }
        request.status = SubjectRequest.Status.COMPLETED.name();
        request.completedAt = now;
        Uni<Void> completed = recorded.chain(() -> audit.append(step(request, "completed"), "request " + request.id, "privacy-service",
                Map.of("services", parts.stream().map(p -> p.service).sorted().toList())).replaceWithVoid());
        if (SubjectRequest.Kind.ACCESS.name().equals(request.kind)) {
            return completed;
        }
        String customerId = request.customerId;
        request.customerId = null;
        // The request and the confirmations have been through Kafka (that is how they came back): this
        // service's copies of events about the customer can go now.
        return completed.chain(() -> customerId == null ? Uni.createFrom().voidItem() : session
                .createMutationQuery("delete from OutboxEvent where recordKey = :customer and publishedAt is not null")
                .setParameter("customer", customerId).executeUpdate().replaceWithVoid());
    }

    /**
     * Sends again what waits longer than the retry interval, and escalates requests past their deadline.
     *
     * @return how many requests were escalated
     */
    public Uni<Integer> sweep(Instant now) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createQuery("from SubjectRequest where status <> 'COMPLETED' order by requestedAt", SubjectRequest.class)
                .setLockMode(LockMode.PESSIMISTIC_WRITE)
                .getResultList()
                .chain(requests -> Multi.createFrom().iterable(requests).onItem()
                        .transformToUniAndConcatenate(request -> parts(session, request.id)
                                .chain(parts -> retryAndEscalate(request, parts, now)))
                        .collect().asList()
                        .map(escalations -> (int) escalations.stream().filter(Boolean::booleanValue).count()))
                .call(() -> session.createMutationQuery("update ServiceConfirmation set part = null where part is not null "
                                + "and requestId in (select id from SubjectRequest where kind = 'ACCESS' and completedAt < :cutoff)")
                        .setParameter("cutoff", now.minus(bundleRetention)).executeUpdate())));
    }

    private Uni<Boolean> retryAndEscalate(SubjectRequest request, List<ServiceConfirmation> parts, Instant now) {
        List<ServiceConfirmation> waiting = parts.stream()
                .filter(p -> !ServiceConfirmation.Status.CONFIRMED.name().equals(p.status)).toList();
        boolean retry = waiting.stream().anyMatch(p -> !p.lastSentAt.plus(retryAfter).isAfter(now));
        if (retry) {
            waiting.forEach(p -> {
                p.attempts++;
                p.lastSentAt = now;
            });
        }
        boolean escalate = SubjectRequest.Status.OPEN.name().equals(request.status) && !request.dueAt.isAfter(now);
        Uni<Void> sent = retry ? send(request) : Uni.createFrom().voidItem();
        if (!escalate) {
            return sent.replaceWith(false);
        }
        request.status = SubjectRequest.Status.OVERDUE.name();
        request.escalatedAt = now;
        waiting.forEach(p -> p.status = ServiceConfirmation.Status.OVERDUE.name());
        List<String> missing = waiting.stream().map(p -> p.service).sorted().toList();
        escalated.increment();
        LOG.warnf("%s request %s is overdue (due %s): still waiting for %s", request.kind, request.id, request.dueAt, missing);
        return sent.chain(() -> audit.append(step(request, "overdue"), "request " + request.id, "privacy-service",
                Map.of("waitingFor", missing, "dueAt", request.dueAt.toString()))).replaceWith(true);
    }

    /** Everything every service holds about the customer, by service; once an access request is complete. */
    public record Bundle(UUID requestId, String customerId, Instant completedAt, Instant expiresAt,
                         Map<String, com.fasterxml.jackson.databind.JsonNode> services) {
    }

    /** Why there is no bundle to give. */
    public static final class NoBundle extends RuntimeException {
        public NoBundle(String reason) {
            super(reason);
        }
    }

    /** @throws NoBundle when the request is not a completed access request, or its bundle has expired */
    public Uni<Optional<Bundle>> bundle(UUID id) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.find(SubjectRequest.class, id)
                .chain(request -> request == null ? Uni.createFrom().item(Optional.<Bundle>empty())
                        : parts(session, request.id).map(parts -> Optional.of(bundle(request, parts))))));
    }

    private Bundle bundle(SubjectRequest request, List<ServiceConfirmation> parts) {
        if (!SubjectRequest.Kind.ACCESS.name().equals(request.kind)) {
            throw new NoBundle("request " + request.id + " is an erasure, not an access request");
        }
        if (!SubjectRequest.Status.COMPLETED.name().equals(request.status)) {
            throw new NoBundle("request " + request.id + " is still waiting for " + parts.stream()
                    .filter(p -> !ServiceConfirmation.Status.CONFIRMED.name().equals(p.status)).map(p -> p.service).sorted().toList());
        }
        Instant expiresAt = request.completedAt.plus(bundleRetention);
        if (parts.stream().anyMatch(p -> p.part == null)) {
            throw new NoBundle("the bundle of request " + request.id + " expired at " + expiresAt + "; ask again");
        }
        Map<String, com.fasterxml.jackson.databind.JsonNode> services = new java.util.TreeMap<>();
        parts.forEach(p -> services.put(p.service, p.part));
        return new Bundle(request.id, request.customerId, request.completedAt, expiresAt, services);
    }

    public Uni<Optional<RequestView>> find(UUID id) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.find(SubjectRequest.class, id)
                .chain(request -> request == null ? Uni.createFrom().item(Optional.<RequestView>empty())
                        : view(session, request).map(Optional::of))));
    }

    /** The latest requests, newest first; with a status, only those. */
    public Uni<List<RequestView>> latest(String status, int limit) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> {
            Mutiny.SelectionQuery<SubjectRequest> query = status == null
                    ? session.createQuery("from SubjectRequest order by requestedAt desc", SubjectRequest.class)
                    : session.createQuery("from SubjectRequest where status = :status order by requestedAt desc", SubjectRequest.class)
                    .setParameter("status", status);
            return query.setMaxResults(limit).getResultList().chain(requests -> Multi.createFrom().iterable(requests)
                    .onItem().transformToUniAndConcatenate(request -> view(session, request)).collect().asList());
        }));
    }

    private static Uni<RequestView> view(Mutiny.Session session, SubjectRequest request) {
        return parts(session, request.id).map(parts -> RequestView.of(request, parts));
    }

    private static Uni<List<ServiceConfirmation>> parts(Mutiny.Session session, UUID requestId) {
        return session.createQuery("from ServiceConfirmation where requestId = :request", ServiceConfirmation.class)
                .setParameter("request", requestId).getResultList();
    }
}
