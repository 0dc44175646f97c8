package dev.nextbest.nba.contact;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Each customer's contact history in Redis, shared by every replica: one hash, {@code nba:contact:{id}}, read
 * whole by each decision and updated by each response (responses/ResponseEffects). It expires about a year
 * after the customer's last response.
 */
@ApplicationScoped
public class ContactCounters {

    /** The hash of one customer's contact history; responses/ResponseEffects writes it. */
    public static final String KEY = "nba:contact:";

    private final ReactiveHashCommands<String, String, String> hashes;

    public ContactCounters(ReactiveRedisDataSource redis) {
        this.hashes = redis.hash(String.class);
    }

    public Uni<ContactHistory> history(String customerId) {
        return hashes.hgetall(KEY + customerId).map(fields -> fields.isEmpty() ? ContactHistory.NONE : new ContactHistory(fields));
    }
}
