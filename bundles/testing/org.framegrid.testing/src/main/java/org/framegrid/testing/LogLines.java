package org.framegrid.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The messages a {@code java.util.logging} logger publishes while this is open: for tests of what a component tells
 * operators ("exactly one line, saying why"). Closing it removes its handler again.
 */
public final class LogLines implements AutoCloseable {

    private final Logger logger;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogLines(Logger logger) {
        this.logger = logger; // held: a logger nobody references may be collected with its handlers
        logger.addHandler(handler);
    }

    /** @return the lines of the logger named after {@code type}, as {@code Logger.getLogger(type.getName())} */
    public static LogLines of(Class<?> type) {
        return of(Logger.getLogger(type.getName()));
    }

    /** @return the lines of {@code logger} */
    public static LogLines of(Logger logger) {
        return new LogLines(logger);
    }

    /** @return the messages published so far, oldest first (unformatted: parameters are not filled in) */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
