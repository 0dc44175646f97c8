package dev.nextbest.profile.events;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import org.hibernate.JDBCException;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * How every consumer of this service handles a failure: one that may pass (the database restarting) is
 * logged and retried with back-off, 8 times over about a minute, before the message is dead-lettered. Two
 * kinds are not retried, since retrying cannot help them: a {@link PoisonEventException}, and data the
 * database rejects (SQLSTATE class 22, data exception, or 23, integrity constraint violation).
 */
public final class TransientFailures {

    private static final Logger LOG = Logger.getLogger(TransientFailures.class);

    private TransientFailures() {
    }

    /** @param what names the message in the log, e.g. "event 9d2f…"; never a value from its content */
    public static <T> Uni<T> retried(Uni<T> work, String what) {
        return work
                .onFailure(TransientFailures::mayPass)
                .invoke(failure -> LOG.warnf("%s failed, will retry: %s", what, failure.toString()))
                .onFailure(TransientFailures::mayPass)
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).atMost(8);
    }

    private static boolean mayPass(Throwable failure) {
        return !(failure instanceof PoisonEventException) && !isRejectedData(failure);
    }

    /** The database refused the data itself (a value it cannot store, a constraint), whatever wraps that. */
    public static boolean isRejectedData(Throwable failure) {
        String state = sqlState(failure);
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** The SQLSTATE alone: PostgreSQL's messages may quote the value they refused. */
    public static String describe(Throwable failure) {
        String state = sqlState(failure);
        return state == null ? failure.getClass().getSimpleName() : "SQLSTATE " + state;
    }

    /** From PostgreSQL's own error, or from what Hibernate made of it. */
    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof PgException pg && pg.getSqlState() != null) {
                return pg.getSqlState();
            }
            if (cause instanceof JDBCException jdbc && jdbc.getSQLState() != null) {
                return jdbc.getSQLState();
            }
        }
        return null;
    }
}
