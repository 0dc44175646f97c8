package dev.nextbest.nba.features;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The decision path's copy of each customer's profile features, from profile-updates: durable in this
 * service's PostgreSQL ({@code profile_features}), and in Redis ({@code nba:features:{id}}) for the hot path,
 * shared by all replicas. A snapshot replaces the stored one only if the profile changed later; an erasure
 * (tombstone) deletes both copies.
 */
@ApplicationScoped
public class ProfileFeatures {

    public static final String KEY = "nba:features:";

    private static final String UPSERT = """
            INSERT INTO profile_features (customer_id, snapshot, updated_at, received_at)
            VALUES (:id, cast(cast(:snapshot AS text) AS jsonb), :updatedAt, now())
            ON CONFLICT (customer_id) DO UPDATE
                SET snapshot = EXCLUDED.snapshot, updated_at = EXCLUDED.updated_at, received_at = EXCLUDED.received_at
                WHERE profile_features.updated_at <= EXCLUDED.updated_at""";

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;

    public ProfileFeatures(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class);
        this.keys = redis.key();
    }

    /** @return whether the snapshot was newer than the stored one (and so stored) */
    public Uni<Boolean> store(String customerId, Instant updatedAt, String snapshot) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(UPSERT)
                        .setParameter("id", customerId)
                        .setParameter("snapshot", snapshot)
                        .setParameter("updatedAt", updatedAt)
                        .executeUpdate()))
                .map(changed -> changed > 0)
                .call(stored -> stored ? values.set(KEY + customerId, snapshot) : Uni.createFrom().voidItem());
    }

    /** The customer was erased (or merged into another): nothing of them stays here. */
    public Uni<Void> erase(String customerId) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery("DELETE FROM profile_features WHERE customer_id = :id")
                        .setParameter("id", customerId)
                        .executeUpdate()))
                .call(() -> keys.del(KEY + customerId))
                .replaceWithVoid();
    }

    /** The customer's latest snapshot (its data, as JSON): from Redis, else from PostgreSQL. */
    public Uni<Optional<String>> find(String customerId) {
        return values.get(KEY + customerId).chain(cached -> cached != null ? Uni.createFrom().item(Optional.of(cached))
                : Panache.withSession(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery("SELECT cast(snapshot AS text) FROM profile_features WHERE customer_id = :id",
                                String.class)
                        .setParameter("id", customerId)
                        .getResultList()))
                .map(List::stream).map(found -> found.findFirst()));
    }
}
