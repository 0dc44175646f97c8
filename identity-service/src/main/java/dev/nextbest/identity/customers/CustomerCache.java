package dev.nextbest.identity.customers;

import dev.nextbest.identity.IdentityConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Hot customer lookups in Redis (keys "identity:customer:{id}"). Only a cache: when Redis is unavailable,
 * lookups go to PostgreSQL and the service keeps answering.
 */
@ApplicationScoped
public class CustomerCache {

    private static final Logger LOG = Logger.getLogger(CustomerCache.class);
    private static final String PREFIX = "identity:customer:";

    private final ReactiveValueCommands<String, CustomerView> values;
    private final ReactiveKeyCommands<String> keys;
    private final Duration ttl;

    public CustomerCache(ReactiveRedisDataSource redis, IdentityConfig config) {
        this.values = redis.value(CustomerView.class);
        this.keys = redis.key();
        this.ttl = config.customerCacheTtl();
    }

    public Uni<Optional<CustomerView>> get(String id) {
        return values.get(PREFIX + id).map(Optional::ofNullable)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("customer cache unavailable, reading PostgreSQL: %s", failure.toString());
                    return Optional.empty();
                });
    }

    public Uni<Void> evict(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return keys.del(ids.stream().map(id -> PREFIX + id).toArray(String[]::new)).replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("customer cache unavailable, entries expire by themselves: %s", failure.toString());
                    return null;
                });
    }

    public Uni<Void> put(CustomerView customer) {
        return values.setex(PREFIX + customer.id(), ttl.toSeconds(), customer)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("customer cache unavailable, not caching: %s", failure.toString());
                    return null;
                });
    }
}
