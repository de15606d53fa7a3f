package org.framegrid.payment.tickets.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The lines a class logs at INFO or above while the test runs, as an operator would read them. */
final class LogLines extends Handler implements AutoCloseable {
    final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger;
    private final Level before;

    /** Captures {@code source}'s logger, at INFO whatever level another test left it at. */
    LogLines(Class<?> source) {
        this.logger = Logger.getLogger(source.getName());
        this.before = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.INFO.intValue()) {
            lines.add(record.getLevel() + " " + new java.text.MessageFormat(record.getMessage())
                    .format(record.getParameters()));
        }
    }

    List<String> containing(String text) {
        return lines.stream().filter(line -> line.contains(text)).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(before);
    }
}
