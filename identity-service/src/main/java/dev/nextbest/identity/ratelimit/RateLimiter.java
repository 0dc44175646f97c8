package dev.nextbest.identity.ratelimit;

import dev.nextbest.commons.web.Problems;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * Fixed-window request counting in Redis (keys "identity:rate:{name}:{subject}:{window}"), shared by all
 * replicas. Over the limit is a 429 problem with Retry-After. When Redis is unavailable requests pass
 * uncounted: a limit protects the service, and must not take it down with the cache.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    /** Counts and, on a window's first request, sets its expiry; in one step so that no key lives forever. */
    private static final String COUNT = "local n = redis.call('INCR', KEYS[1]) "
            + "if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n";

    private final ReactiveRedisDataSource redis;
    private final Clock clock;

    public RateLimiter(ReactiveRedisDataSource redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** Counts one request of the subject (a client id, "all", ...); fails with 429 past the limit. */
    public Uni<Void> count(String name, String subject, RateLimits.Limit limit) {
        long windowMillis = limit.window().toMillis();
        long now = clock.millis();
        long window = now / windowMillis;
        String key = "identity:rate:" + name + ":" + subject + ":" + window;
        return redis.execute("EVAL", COUNT, "1", key, Long.toString(windowMillis))
                .map(response -> response.toLong())
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("rate limit '%s' not counted, Redis is unavailable: %s", name, failure.toString());
                    return 0L;
                })
                .invoke(count -> {
                    if (count > limit.requests()) {
                        long retryAfterSeconds = Math.max(1, ((window + 1) * windowMillis - now + 999) / 1000);
                        throw Problems.builder(Response.Status.TOO_MANY_REQUESTS)
                                .withDetail("more than " + limit.requests() + " requests in " + limit.window()
                                        + " (" + name + "); try again later")
                                .withHeader("Retry-After", retryAfterSeconds)
                                .build();
                    }
                })
                .replaceWithVoid();
    }
}
