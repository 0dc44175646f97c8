package dev.nextbest.identity.identifiers;

import dev.nextbest.identity.IdentityConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hot identifier lookups in Redis: pseudonym to customer id ("identity:identifier:{pseudonym}"). Keys are
 * keyed pseudonyms, never identifiers. Only a cache: when Redis is unavailable, resolution reads PostgreSQL.
 */
@ApplicationScoped
public class IdentifierCache {

    private static final Logger LOG = Logger.getLogger(IdentifierCache.class);
    private static final String PREFIX = "identity:identifier:";

    private final ReactiveValueCommands<String, String> values;
    private final io.quarkus.redis.datasource.keys.ReactiveKeyCommands<String> keys;
    private final Duration ttl;

    public IdentifierCache(ReactiveRedisDataSource redis, IdentityConfig config) {
        this.values = redis.value(String.class);
        this.keys = redis.key();
        this.ttl = config.identifierCacheTtl();
    }

    /** The customer of each pseudonym, in order; empty where unknown to the cache. */
    public Uni<List<Optional<String>>> customersOf(List<String> pseudonyms) {
        String[] keys = pseudonyms.stream().map(p -> PREFIX + p).toArray(String[]::new);
        return values.mget(keys)
                .map(found -> pseudonyms.stream().map(p -> Optional.ofNullable(found.get(PREFIX + p))).toList())
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("identifier cache unavailable, reading PostgreSQL: %s", failure.toString());
                    return pseudonyms.stream().map(p -> Optional.<String>empty()).toList();
                });
    }

    public Uni<Void> put(Map<String, String> customerByPseudonym) {
        if (customerByPseudonym.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(customerByPseudonym.entrySet().stream()
                        .map(e -> values.setex(PREFIX + e.getKey(), ttl.toSeconds(), e.getValue()))
                        .toList())
                .andCollectFailures()
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("identifier cache unavailable, not caching: %s", failure.toString());
                    return null;
                });
    }

    /** Forgets the pseudonyms (an erasure). Unlike a lookup, a failure here is the caller's: nothing may stay. @return keys deleted */
    public Uni<Integer> evict(List<String> pseudonyms) {
        if (pseudonyms.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return keys.del(pseudonyms.stream().map(p -> PREFIX + p).toArray(String[]::new));
    }
}
