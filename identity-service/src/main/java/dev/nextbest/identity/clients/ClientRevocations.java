package dev.nextbest.identity.clients;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Marks of revoked clients in Redis ("identity:revoked-client:{id}"), read on every authenticated request so
 * that a revocation stops the client's tokens at once, in every replica. A mark lives as long as a token
 * can, plus the allowed clock skew: after that every token of the client has expired anyway, and the
 * revoked client cannot get a new one.
 */
@ApplicationScoped
public class ClientRevocations {

    private static final String PREFIX = "identity:revoked-client:";

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;
    private final Duration markLifetime;

    public ClientRevocations(ReactiveRedisDataSource redis,
                             @ConfigProperty(name = "nextbest.identity.tokens.lifetime") Duration tokenLifetime,
                             @ConfigProperty(name = "mp.jwt.verify.clock.skew") int graceSeconds) {
        this.values = redis.value(String.class);
        this.keys = redis.key();
        this.markLifetime = tokenLifetime.plusSeconds(graceSeconds).plusSeconds(60);
    }

    /** Fails when Redis is unavailable, so that whoever revokes learns that tokens may still work. */
    public Uni<Void> mark(String clientId) {
        return values.setex(PREFIX + clientId, markLifetime.toSeconds(), "revoked");
    }

    public Uni<Boolean> isMarked(String clientId) {
        return keys.exists(PREFIX + clientId);
    }
}
