package dev.nextbest.nba.consent;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * The consent view: each customer's consents as privacy-service last published them on consent-changes,
 * durable in this service's PostgreSQL ({@code customer_consents}) and in Redis ({@code nba:consents:{id}})
 * for the decision path, which reads it together with the features (decision/CustomerReader). A state replaces
 * the stored one only if published later; an erasure (tombstone) deletes both copies.
 */
@ApplicationScoped
public class CustomerConsents {

    public static final String KEY = "nba:consents:";

    private static final String UPSERT = """
            INSERT INTO customer_consents (customer_id, consents, changed_at, received_at)
            VALUES (:id, cast(cast(:consents AS text) AS jsonb), :changedAt, now())
            ON CONFLICT (customer_id) DO UPDATE
                SET consents = EXCLUDED.consents, changed_at = EXCLUDED.changed_at, received_at = EXCLUDED.received_at
                WHERE customer_consents.changed_at <= EXCLUDED.changed_at""";

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;

    public CustomerConsents(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class);
        this.keys = redis.key();
    }

    /** @return whether the state was newer than the stored one (and so stored) */
    public Uni<Boolean> store(String customerId, Instant changedAt, String consents) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(UPSERT)
                        .setParameter("id", customerId)
                        .setParameter("consents", consents)
                        .setParameter("changedAt", changedAt)
                        .executeUpdate()))
                .map(changed -> changed > 0)
                .call(stored -> stored ? values.set(KEY + customerId, consents) : Uni.createFrom().voidItem());
    }

    /** The customer was erased: nothing of their consents stays here. */
    public Uni<Void> erase(String customerId) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery("DELETE FROM customer_consents WHERE customer_id = :id")
                        .setParameter("id", customerId)
                        .executeUpdate()))
                .call(() -> keys.del(KEY + customerId))
                .replaceWithVoid();
    }
}
