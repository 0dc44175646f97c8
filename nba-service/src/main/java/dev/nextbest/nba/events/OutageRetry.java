package dev.nextbest.nba.events;

import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * How this service's Kafka consumers ride out a database or Redis outage: each failed attempt is logged
 * and the work retried with back-off, for about a minute, before the record goes to its dead-letter topic.
 */
public final class OutageRetry {

    private static final Logger LOG = Logger.getLogger(OutageRetry.class);

    private OutageRetry() {
    }

    /** For work on a consumed record: named by its topic, partition and offset. */
    public static <T> Uni<T> retried(Uni<T> work, ConsumerRecord<?, ?> record) {
        return retried(work, record.topic() + " record " + record.partition() + "@" + record.offset());
    }

    /** @param what what the work is, for the log (never personal data): "erasure request 9f…" */
    public static <T> Uni<T> retried(Uni<T> work, String what) {
        return work.onFailure().invoke(failure -> LOG.warnf(failure, "%s failed; retrying", what))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).atMost(8);
    }
}
