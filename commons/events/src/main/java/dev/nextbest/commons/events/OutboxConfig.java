package dev.nextbest.commons.events;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** How the outbox relay runs ({@code nextbest.outbox.*}). */
@ConfigMapping(prefix = "nextbest.outbox")
public interface OutboxConfig {

    /** How often the relay looks for events that no commit's wake-up published (a safety net). */
    Duration sweepInterval();

    /** How long published events stay in the outbox table: Kafka, not the outbox, keeps the history. */
    Duration retention();

    /** How often published events older than the retention are deleted. */
    Duration pruneInterval();
}
