package dev.nextbest.commons.events;

import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * How every Kafka consumer rides out a failure that may pass (the database or Redis restarting): each failed
 * attempt is logged and the work retried with back-off, 8 times over about a minute, before the record goes
 * to its dead-letter topic. Two kinds are not retried, since retrying cannot help them: a
 * {@link PoisonEventException}, and data the database rejects ({@link DatabaseFailures#isRejectedData}).
 */
public final class ConsumerRetry {

    private static final Logger LOG = Logger.getLogger(ConsumerRetry.class);

    private ConsumerRetry() {
    }

    /** For work on a consumed record: named by its topic, partition and offset. */
    public static <T> Uni<T> retried(Uni<T> work, ConsumerRecord<?, ?> record) {
        return retried(work, record, failure -> false);
    }

    /** As {@link #retried(Uni, ConsumerRecord)}, and {@code isFinal} names further failures retrying cannot help. */
    public static <T> Uni<T> retried(Uni<T> work, ConsumerRecord<?, ?> record, Predicate<Throwable> isFinal) {
        return retried(work, record.topic() + " record " + record.partition() + "@" + record.offset(), isFinal);
    }

    /** @param what names the work in the log, e.g. "erasure request 9f…"; never a value from its content */
    public static <T> Uni<T> retried(Uni<T> work, String what) {
        return retried(work, what, failure -> false);
    }

    private static <T> Uni<T> retried(Uni<T> work, String what, Predicate<Throwable> isFinal) {
        Predicate<Throwable> mayPass = failure -> !isFinal.test(failure) && mayPass(failure);
        return work
                .onFailure(mayPass)
                .invoke(failure -> LOG.warnf("%s failed, will retry: %s", what, DatabaseFailures.forLog(failure)))
                .onFailure(mayPass)
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).atMost(8);
    }

    private static boolean mayPass(Throwable failure) {
        return !(failure instanceof PoisonEventException) && !DatabaseFailures.isRejectedData(failure);
    }
}
