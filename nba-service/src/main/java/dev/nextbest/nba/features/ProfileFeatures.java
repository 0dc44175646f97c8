package dev.nextbest.nba.features;

import dev.nextbest.nba.customers.LatestPerCustomer;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/**
 * The decision path's copy of each customer's profile features, from profile-updates: durable in this
 * service's PostgreSQL ({@code profile_features}), and in Redis ({@code nba:features:{id}}) for the hot path.
 * A snapshot replaces the stored one only if the profile changed later; an erasure (tombstone) deletes both
 * copies.
 */
@ApplicationScoped
public class ProfileFeatures {

    public static final String KEY = "nba:features:";

    private final LatestPerCustomer snapshots;

    public ProfileFeatures(ReactiveRedisDataSource redis) {
        this.snapshots = new LatestPerCustomer(redis, "profile_features", "snapshot", "updated_at", KEY);
    }

    /** @return whether the snapshot was newer than the stored one (and so stored) */
    public Uni<Boolean> store(String customerId, Instant updatedAt, String snapshot) {
        return snapshots.store(customerId, updatedAt, snapshot);
    }

    /** The customer was erased (or merged into another): nothing of them stays here. @return rows and keys deleted */
    public Uni<Long> erase(String customerId) {
        return snapshots.erase(customerId);
    }

    /** The customer's latest snapshot (its data, as JSON): from Redis, else from PostgreSQL. */
    public Uni<Optional<String>> find(String customerId) {
        return snapshots.find(customerId);
    }
}
