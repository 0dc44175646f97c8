package dev.nextbest.nba.erasure;

import dev.nextbest.commons.events.Outbox;
import dev.nextbest.nba.consent.CustomerConsents;
import dev.nextbest.nba.contact.ContactCounters;
import dev.nextbest.nba.decision.DecisionLog;
import dev.nextbest.nba.features.ProfileFeatures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Erases everything this service holds about a customer: their decisions and responses (the aggregate
 * take-up rates learnt from them are not about anyone and stay), the outbox's copies of events about them,
 * the profile features and the consent view, and their contact history in Redis. Then the confirmation, with
 * the counts, goes on privacy-acks. Running it again erases nothing more and confirms again.
 */
@ApplicationScoped
public class Eraser {

    static final String SERVICE = "nba-service";

    private final Outbox outbox;
    private final ProfileFeatures features;
    private final CustomerConsents consents;
    private final ReactiveKeyCommands<String> keys;
    private final DecisionLog decisions;

    public Eraser(Outbox outbox, ProfileFeatures features, CustomerConsents consents,
                  ReactiveRedisDataSource redis, DecisionLog decisions) {
        this.outbox = outbox;
        this.features = features;
        this.consents = consents;
        this.keys = redis.key();
        this.decisions = decisions;
    }

    public Uni<ErasureCompleted> erase(UUID requestId, String customerId) {
        Map<String, Long> erased = new LinkedHashMap<>();
        return features.erase(customerId).invoke(count -> erased.put("profileFeatures", count))
                .chain(() -> consents.erase(customerId)).invoke(count -> erased.put("consents", count))
                .chain(() -> keys.del(ContactCounters.KEY + customerId)).invoke(count -> erased.put("contactHistory", (long) count))
                // Decisions still on their way to PostgreSQL first, so that the delete finds every stored one.
                .chain(() -> decisions.forget(customerId)).invoke(count -> erased.put("decisions", count))
                .chain(() -> Panache.withTransaction(() -> Panache.getSession().chain(session ->
                        delete(session, erased, "decisions", "DELETE FROM decision WHERE customer_id = ?1", customerId)
                                .chain(() -> delete(session, erased, "responses", "DELETE FROM response WHERE customer_id = ?1", customerId))
                                .chain(() -> delete(session, erased, "outboxEvents", "DELETE FROM outbox_event WHERE record_key = ?1", customerId))
                                .chain(() -> {
                                    ErasureCompleted completed = new ErasureCompleted(requestId, SERVICE, customerId, erased);
                                    return outbox.add(ErasureCompleted.TOPIC, customerId, ErasureCompleted.TYPE, customerId, completed)
                                            .replaceWith(completed);
                                }))));
    }

    private static Uni<Void> delete(Mutiny.Session session, Map<String, Long> erased, String store, String sql, String customerId) {
        return session.createNativeQuery(sql).setParameter(1, customerId).executeUpdate()
                .invoke(count -> erased.merge(store, count.longValue(), Long::sum))
                .replaceWithVoid();
    }
}
