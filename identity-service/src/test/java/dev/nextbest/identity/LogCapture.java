package dev.nextbest.identity;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Everything the service logs between {@link #start()} and {@link #stop()}: messages, parameters, causes. */
public final class LogCapture extends Handler {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    public void start() {
        setLevel(Level.ALL);
        Logger.getLogger("").addHandler(this);
    }

    public void stop() {
        Logger.getLogger("").removeHandler(this);
    }

    public List<String> lines() {
        return lines;
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                text.append(' ').append(parameter);
            }
        }
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            text.append(' ').append(t);
        }
        lines.add(text.toString());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
