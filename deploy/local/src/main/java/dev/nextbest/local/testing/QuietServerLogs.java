package dev.nextbest.local.testing;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lowers the embedded servers' own logging to warnings in test JVMs. Kafka and PostgreSQL log hundreds of
 * INFO lines per start and stop, which hide test output; the servers also stop after Quarkus has shut down
 * its logging configuration, so the services' log levels do not reach them.
 */
public final class QuietServerLogs {

    private static final List<String> CATEGORIES = List.of("kafka", "org.apache.kafka", "state.change.logger", "io.zonky");
    /** Held so that the configured loggers are not collected and their levels lost. */
    private static final List<Logger> LOGGERS = CATEGORIES.stream().map(Logger::getLogger).toList();

    private QuietServerLogs() {
    }

    public static void apply() {
        LOGGERS.forEach(logger -> logger.setLevel(Level.WARNING));
    }
}
