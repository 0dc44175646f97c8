package dev.nextbest.identity.ratelimit;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/**
 * Request limits, counted per fixed window in Redis so that every replica shares them
 * ({@code nextbest.identity.rate-limits.<name>.requests} per {@code .window}).
 */
@ConfigMapping(prefix = "nextbest.identity.rate-limits")
public interface RateLimits {

    /** Token requests naming one client id; bounds guessing and the Argon2id work it causes. */
    Limit tokenPerClient();

    /** All token requests together: the CPU and memory that secret checking may take. */
    Limit token();

    /** Identity resolutions by one client. */
    Limit resolvePerClient();

    interface Limit {
        int requests();

        Duration window();
    }
}
