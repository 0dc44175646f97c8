package dev.nextbest.profile.profiles;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * Profiles as last read, in Redis ("profile:view:{customerId}"), evicted whenever the profile changes. Only
 * a cache: without Redis, reads go to PostgreSQL.
 */
@ApplicationScoped
public class ProfileCache {

    private static final Logger LOG = Logger.getLogger(ProfileCache.class);
    private static final String PREFIX = "profile:view:";

    private final ReactiveValueCommands<String, ProfileSnapshot> values;
    private final ReactiveKeyCommands<String> keys;
    private final Duration ttl;

    public ProfileCache(ReactiveRedisDataSource redis,
                        @ConfigProperty(name = "nextbest.profile.cache-ttl") Duration ttl) {
        this.values = redis.value(ProfileSnapshot.class);
        this.keys = redis.key();
        this.ttl = ttl;
    }

    public Uni<Optional<ProfileSnapshot>> get(String customerId) {
        return values.get(PREFIX + customerId).map(Optional::ofNullable)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("profile cache unavailable, reading PostgreSQL: %s", failure.toString());
                    return Optional.empty();
                });
    }

    public Uni<Void> put(ProfileSnapshot snapshot) {
        return values.setex(PREFIX + snapshot.customerId(), ttl.toSeconds(), snapshot)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("profile cache unavailable, not caching: %s", failure.toString());
                    return null;
                });
    }

    /**
     * When Redis is unavailable the entry cannot be evicted; it is not read either while Redis is away, and
     * expires by itself within the cache TTL after Redis is back.
     */
    public Uni<Void> evict(String customerId) {
        return keys.del(PREFIX + customerId).replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("profile cache unavailable, the entry expires by itself: %s", failure.toString());
                    return null;
                });
    }
}
