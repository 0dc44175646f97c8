package dev.nextbest.privacy;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;
import java.util.List;

/** privacy-service's own settings ({@code nextbest.privacy.*}). */
@ConfigMapping(prefix = "nextbest.privacy")
public interface PrivacyConfig {

    DataMap datamap();

    /** The privacy policies loaded at start, by key (a file each under policies/). */
    List<String> policies();

    Assessment assessment();

    Consents consents();

    Requests requests();

    interface DataMap {
        /** The systems whose data declarations make up the data map. */
        List<String> systems();
    }

    interface Assessment {
        /** An action that may reach more customers a day than this is processing on a large scale. */
        long largeScalePerDay();
    }

    interface Consents {
        /** How often grants past their expiry are announced as expired. */
        Duration expirySweepInterval();
    }

    interface Requests {
        /** The services that must confirm every erasure and answer every access request. */
        List<String> services();

        /** How long a request may stay open before it is overdue. */
        Duration deadline();

        /** How long before a service that has not answered is asked again. */
        Duration retryAfter();

        /** How often open requests are checked for those two. */
        Duration sweepInterval();

        /** How long a completed access request's bundle is kept for its subject to fetch. */
        Duration bundleRetention();
    }
}
