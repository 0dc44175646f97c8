package dev.nextbest.commons.events;

import io.vertx.pgclient.PgException;
import org.hibernate.JDBCException;

/** What a PostgreSQL failure says about itself, without its message (which may quote the value it refused). */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** The database refused the data itself (SQLSTATE class 22, data exception, or 23, integrity constraint). */
    public static boolean isRejectedData(Throwable failure) {
        String state = sqlState(failure);
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** The SQLSTATE alone, or the failure's class where there is none. */
    public static String describe(Throwable failure) {
        String state = sqlState(failure);
        return state == null ? failure.getClass().getSimpleName() : "SQLSTATE " + state;
    }

    /** For a log line: the SQLSTATE of a database failure (whose message may quote a value), else the failure. */
    public static String forLog(Throwable failure) {
        return sqlState(failure) != null ? describe(failure) : failure.toString();
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
