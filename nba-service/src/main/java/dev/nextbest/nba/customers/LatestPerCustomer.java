package dev.nextbest.nba.customers;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The latest state of each customer from a compacted topic, as JSON: durable in one PostgreSQL table (a JSONB
 * column and the state's time) and in Redis ({@code <prefix><customer id>}) for the decision path, shared by
 * all replicas. A state replaces the stored one only if it is not older; an erasure deletes both copies.
 */
public final class LatestPerCustomer {

    private final String keyPrefix;
    private final String upsert;
    private final String delete;
    private final String select;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;

    /**
     * @param table      with columns customer_id (primary key), {@code column} (JSONB), {@code timeColumn}, received_at
     * @param keyPrefix  the Redis key's prefix, e.g. nba:features:
     */
    public LatestPerCustomer(ReactiveRedisDataSource redis, String table, String column, String timeColumn, String keyPrefix) {
        this.keyPrefix = keyPrefix;
        this.upsert = """
                INSERT INTO %1$s (customer_id, %2$s, %3$s, received_at)
                VALUES (:id, cast(cast(:state AS text) AS jsonb), :at, now())
                ON CONFLICT (customer_id) DO UPDATE
                    SET %2$s = EXCLUDED.%2$s, %3$s = EXCLUDED.%3$s, received_at = EXCLUDED.received_at
                    WHERE %1$s.%3$s <= EXCLUDED.%3$s""".formatted(table, column, timeColumn);
        this.delete = "DELETE FROM %s WHERE customer_id = :id".formatted(table);
        this.select = "SELECT cast(%s AS text) FROM %s WHERE customer_id = :id".formatted(column, table);
        this.values = redis.value(String.class);
        this.keys = redis.key();
    }

    /** @return whether the state was not older than the stored one (and so stored) */
    public Uni<Boolean> store(String customerId, Instant at, String state) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(upsert)
                        .setParameter("id", customerId)
                        .setParameter("state", state)
                        .setParameter("at", at)
                        .executeUpdate()))
                .map(changed -> changed > 0)
                .call(stored -> stored ? values.set(keyPrefix + customerId, state) : Uni.createFrom().voidItem());
    }

    /** @return how many rows and keys were deleted */
    public Uni<Long> erase(String customerId) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery(delete).setParameter("id", customerId).executeUpdate()))
                .chain(rows -> keys.del(keyPrefix + customerId).map(deleted -> (long) rows + deleted));
    }

    /** The state: from Redis, else from PostgreSQL. */
    public Uni<Optional<String>> find(String customerId) {
        return values.get(keyPrefix + customerId).chain(cached -> cached != null ? Uni.createFrom().item(Optional.of(cached))
                : Panache.withSession(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery(select, String.class).setParameter("id", customerId).getResultList()))
                .map(List::stream).map(found -> found.findFirst()));
    }
}
