package dev.nextbest.nba.responses;

import dev.nextbest.commons.events.Outbox;
import dev.nextbest.commons.web.Problems;
import dev.nextbest.nba.catalog.Catalog;
import dev.nextbest.nba.live.LiveAction;
import dev.nextbest.nba.live.LiveCatalog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Records responses, each once: its effects on the contact history and on exploration (Redis, atomically
 * and once per id), then the response itself and its {@value #TOPIC} event (PostgreSQL and the outbox, in
 * one transaction, also once per id). Sending a response again after a failure is always safe.
 */
@ApplicationScoped
public class Responses {

    public static final String TOPIC = "nba-responses";
    public static final String TYPE = "dev.nextbest.nba.response-recorded.v1";

    /** The event's data: the response as recorded. */
    public record Recorded(String responseId, java.util.UUID decisionId, String customerId, String action,
                           ResponseType type, String channel, java.math.BigDecimal value, Instant occurredAt,
                           Instant receivedAt) {
    }

    private final LiveCatalog live;
    private final Catalog catalog;
    private final ResponseEffects effects;
    private final Outbox outbox;
    private final Clock clock;

    public Responses(LiveCatalog live, Catalog catalog, ResponseEffects effects, Outbox outbox, Clock clock) {
        this.clock = clock;
        this.live = live;
        this.catalog = catalog;
        this.effects = effects;
        this.outbox = outbox;
    }

    /** @return true when recorded now, false when it had been already */
    public Uni<Boolean> record(NewResponse response) {
        Instant received = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant occurred = response.occurredAt() == null ? received : response.occurredAt();
        if (occurred.isAfter(received.plusSeconds(300))) {
            throw Problems.badRequest("occurredAt is in the future");
        }
        return product(response.action())
                .chain(product -> effects.apply(response, product, occurred))
                .chain(applied -> store(response, occurred, received).map(stored -> applied || stored));
    }

    private Uni<Boolean> store(NewResponse response, Instant occurred, Instant received) {
        Recorded recorded = new Recorded(response.responseId(), response.decisionId(), response.customerId(),
                response.action(), response.type(), response.channel(), response.value(), occurred, received);
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                                INSERT INTO response (id, decision_id, customer_id, action_key, type, channel, value, occurred_at, received_at)
                                VALUES (:id, :decision, :customer, :action, :type, :channel, :value, :occurred, :received)
                                ON CONFLICT (id) DO NOTHING""")
                        .setParameter("id", response.responseId())
                        .setParameter("decision", response.decisionId())
                        .setParameter("customer", response.customerId())
                        .setParameter("action", response.action())
                        .setParameter("type", response.type().name())
                        .setParameter("channel", response.channel())
                        .setParameter("value", response.value())
                        .setParameter("occurred", occurred)
                        .setParameter("received", received)
                        .executeUpdate())
                .chain(inserted -> inserted == 0 ? Uni.createFrom().item(false)
                        : outbox.add(TOPIC, response.customerId(), TYPE, response.customerId(), recorded).replaceWith(true)));
    }

    /** The product the action sells (from its live version, else its latest); the action must exist. */
    private Uni<String> product(String key) {
        var compiled = live.current();
        if (compiled != null) {
            for (LiveAction action : compiled.actions()) {
                if (action.key().equals(key)) {
                    return Uni.createFrom().item(action.definition().product());
                }
            }
        }
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        SELECT v.definition FROM action a JOIN action_version v ON v.action_id = a.id AND v.version = a.version
                        WHERE a.key = :key""", String.class).setParameter("key", key).getResultList()))
                .map((List<String> found) -> {
                    if (found.isEmpty()) {
                        throw Problems.badRequest("no action with key '" + key + "'");
                    }
                    return catalog.read(found.get(0)).product();
                });
    }
}
