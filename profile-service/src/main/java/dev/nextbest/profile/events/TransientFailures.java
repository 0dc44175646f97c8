package dev.nextbest.profile.events;

import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * How every consumer of this service handles a failure: one that may pass (the database restarting) is
 * logged and retried with back-off, 8 times over about a minute, before the message is dead-lettered; a
 * {@link PoisonEventException} is dead-lettered at once, since retrying cannot help it.
 */
public final class TransientFailures {

    private static final Logger LOG = Logger.getLogger(TransientFailures.class);

    private TransientFailures() {
    }

    /** @param what names the message in the log, e.g. "event 9d2f…"; never a value from its content */
    public static <T> Uni<T> retried(Uni<T> work, String what) {
        return work
                .onFailure(failure -> !(failure instanceof PoisonEventException))
                .invoke(failure -> LOG.warnf("%s failed, will retry: %s", what, failure.toString()))
                .onFailure(failure -> !(failure instanceof PoisonEventException))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).atMost(8);
    }
}
