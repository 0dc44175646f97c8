package dev.nextbest.profile;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/**
 * profile-service's own settings ({@code nextbest.profile.*}); the lifetime value has a mapping of its own
 * ({@code nextbest.profile.clv}).
 */
@ConfigMapping(prefix = "nextbest.profile")
public interface ProfileConfig {

    /** How long a profile stays in the Redis cache. */
    Duration cacheTtl();

    Behaviour behaviour();

    Segments segments();

    interface Behaviour {
        /** How many behavioural segments (k of k-means). */
        int clusters();

        /** How often the segmentation runs. */
        Duration interval();
    }

    interface Segments {
        /** How often every profile's rule segments are evaluated again. */
        Duration sweepInterval();
    }
}
