package dev.nextbest.nba.consent;

import dev.nextbest.nba.customers.LatestPerCustomer;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
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

    private final LatestPerCustomer states;

    public CustomerConsents(ReactiveRedisDataSource redis) {
        this.states = new LatestPerCustomer(redis, "customer_consents", "consents", "changed_at", KEY);
    }

    /** @return whether the state was newer than the stored one (and so stored) */
    public Uni<Boolean> store(String customerId, Instant changedAt, String consents) {
        return states.store(customerId, changedAt, consents);
    }

    /** The stored state (its JSON): from Redis, else from PostgreSQL. */
    public Uni<java.util.Optional<String>> find(String customerId) {
        return states.find(customerId);
    }

    /** The customer was erased: nothing of their consents stays here. @return rows and keys deleted */
    public Uni<Long> erase(String customerId) {
        return states.erase(customerId);
    }
}
