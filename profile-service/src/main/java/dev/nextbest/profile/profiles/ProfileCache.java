package dev.nextbest.profile.profiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nextbest.profile.ProfileConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Profiles as last read, in Redis, kept consistent with changes by a generation counter per customer
 * ("profile:generation:{id}", incremented by every change) rather than by deleting entries: a cached view
 * ("profile:view:{id}") carries the generation it was read at and is used only while that is still the
 * current one. A read that raced with a change therefore caches a view that is already out of date, never
 * one that looks current. Only a cache: without Redis, reads go to PostgreSQL.
 */
@ApplicationScoped
public class ProfileCache {

    private static final Logger LOG = Logger.getLogger(ProfileCache.class);
    private static final String VIEW = "profile:view:";
    private static final String GENERATION = "profile:generation:";
    /** KEYS: generation counters; ARGV[1]: their TTL in seconds. */
    private static final String BUMP_GENERATIONS = """
            for _, key in ipairs(KEYS) do
              redis.call('INCR', key)
              redis.call('EXPIRE', key, ARGV[1])
            end
            return #KEYS""";

    /** What a lookup found: the view if it is current, and the generation to cache a fresh read under. */
    public record Lookup(Optional<ProfileSnapshot> hit, long generation) {
    }

    /** A cached view and the generation it was read at. */
    record Entry(long generation, ProfileSnapshot snapshot) {
    }

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;
    private final ObjectMapper json;
    private final Duration ttl;

    private final ReactiveRedisDataSource redis;

    public ProfileCache(ReactiveRedisDataSource redis, ObjectMapper json,
                        ProfileConfig config) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.keys = redis.key();
        this.json = json;
        this.ttl = config.cacheTtl();
    }

    public Uni<Lookup> get(String customerId) {
        return values.mget(GENERATION + customerId, VIEW + customerId)
                .map(found -> lookup(found.get(GENERATION + customerId), found.get(VIEW + customerId)))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("profile cache unavailable, reading PostgreSQL: %s", failure.toString());
                    return new Lookup(Optional.empty(), -1);
                });
    }

    /** Caches a view read at {@code generation} (from {@link #get}); -1 means Redis was away: nothing cached. */
    public Uni<Void> put(ProfileSnapshot snapshot, long generation) {
        if (generation < 0) {
            return Uni.createFrom().voidItem();
        }
        String entry;
        try {
            entry = json.writeValueAsString(new Entry(generation, snapshot));
        } catch (JsonProcessingException e) {
            LOG.warnf("profile %s not cached: %s", snapshot.customerId(), e.getOriginalMessage());
            return Uni.createFrom().voidItem();
        }
        return values.setex(VIEW + snapshot.customerId(), ttl.toSeconds(), entry)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("profile cache unavailable, not caching: %s", failure.toString());
                    return null;
                });
    }

    /**
     * The profiles changed: every view cached before is out of date. The counters outlive any view read under
     * them (twice the view TTL). One round trip for all of them (a script), since a batch of events changes
     * hundreds. When Redis is unavailable, views are not read either while it is away, and expire by
     * themselves within the TTL after it is back.
     */
    public Uni<Void> changed(Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> args = new ArrayList<>(customerIds.size() + 4);
        args.add(BUMP_GENERATIONS);
        args.add(Integer.toString(customerIds.size()));
        customerIds.forEach(id -> args.add(GENERATION + id));
        args.add(Long.toString(ttl.multipliedBy(2).toSeconds()));
        return redis.execute("EVAL", args.toArray(String[]::new))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("profile cache unavailable, the entries expire by themselves: %s", failure.toString());
                    return null;
                });
    }

    public Uni<Void> changed(String customerId) {
        return changed(List.of(customerId));
    }

    private Lookup lookup(String generationText, String entryText) {
        long generation = generationText == null ? 0 : Long.parseLong(generationText);
        if (entryText == null) {
            return new Lookup(Optional.empty(), generation);
        }
        try {
            Entry entry = json.readValue(entryText, Entry.class);
            return new Lookup(entry.generation() == generation ? Optional.of(entry.snapshot()) : Optional.empty(),
                    generation);
        } catch (JsonProcessingException e) {
            return new Lookup(Optional.empty(), generation);
        }
    }

    /** Erasure: nothing about the customer stays in Redis. Fails when Redis is unavailable, so that it is retried. */
    public Uni<Void> erase(String customerId) {
        return keys.del(VIEW + customerId, GENERATION + customerId).replaceWithVoid();
    }
}
