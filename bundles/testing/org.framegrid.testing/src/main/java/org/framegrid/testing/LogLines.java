package org.framegrid.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The messages a {@code java.util.logging} logger publishes while this is open: for tests of what a component tells
 * operators ("exactly one line, saying why"). Closing it removes its handler again (and restores the logger's level
 * where {@link #operatorView} set it).
 */
public final class LogLines implements AutoCloseable {

    private final Logger logger;
    /** Whether lines are an operator's view (INFO and above, formatted, with their level); else raw messages. */
    private final boolean operatorView;
    private final Level levelBefore;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (!operatorView) {
                lines.add(record.getMessage());
            } else if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                lines.add(record.getLevel() + " " + MESSAGES.formatMessage(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** Fills in a record's parameters as a log file would show them. */
    private static final Formatter MESSAGES = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return formatMessage(record);
        }
    };

    private LogLines(Logger logger, boolean operatorView) {
        this.logger = logger; // held: a logger nobody references may be collected with its handlers
        this.operatorView = operatorView;
        this.levelBefore = logger.getLevel();
        if (operatorView) {
            logger.setLevel(Level.INFO); // whatever level another test left it at
        }
        logger.addHandler(handler);
    }

    /** @return the lines of the logger named after {@code type}, as {@code Logger.getLogger(type.getName())} */
    public static LogLines of(Class<?> type) {
        return of(Logger.getLogger(type.getName()));
    }

    /** @return the lines of {@code logger} */
    public static LogLines of(Logger logger) {
        return new LogLines(logger, false);
    }

    /**
     * @return the lines of the logger named after {@code type} as an operator reads them: INFO and above, parameters
     *     filled in, each after its level ({@code "WARNING winning tickets cannot be redeemed …"}); the logger logs at
     *     INFO while this is open
     */
    public static LogLines operatorView(Class<?> type) {
        return new LogLines(Logger.getLogger(type.getName()), true);
    }

    /** @return the messages published so far, oldest first (unformatted: parameters are not filled in) */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** @return the lines so far that contain {@code text} */
    public List<String> containing(String text) {
        return lines.stream().filter(line -> line.contains(text)).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        if (operatorView) {
            logger.setLevel(levelBefore);
        }
    }
}
