package org.framegrid.runtime.logging.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.LoggerFactory;

/**
 * Forwards every OSGi log entry (bundles, SCR, FileInstall, framework events) to {@code java.util.logging}, the one
 * logging backend of the node. The launcher configures JUL's handlers (console and rolling file, one format), so all
 * sources end up in the same lines.
 */
@Component(name = "org.framegrid.runtime.logging", immediate = true)
public final class LogBridge implements LogListener {

    /** How long deactivation waits for the entries already logged to reach the node log. */
    private static final long DRAIN_MILLIS = 1_000;

    private final LogReaderService reader;
    private final org.osgi.service.log.Logger self;
    private volatile String drainMarker;
    private final CountDownLatch drained = new CountDownLatch(1);

    @Activate
    public LogBridge(@Reference LogReaderService reader,
            @Reference(service = LoggerFactory.class) org.osgi.service.log.Logger self) {
        this.reader = reader;
        this.self = self;
        reader.addLogListener(this);
    }

    /**
     * The log service hands entries to listeners on its own thread, so at shutdown the last entries (the components
     * that were just deactivated) may still be queued. A marker logged now arrives after all of them: wait for it.
     */
    @Deactivate
    void deactivate() throws InterruptedException {
        drainMarker = "framegrid log drain " + System.nanoTime();
        self.audit(drainMarker); // AUDIT is never filtered out by log levels
        drained.await(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        String marker = drainMarker;
        if (marker != null && marker.equals(entry.getMessage())) {
            drained.countDown();
            return;
        }
        Level level = levelOf(entry);
        if (level == null) {
            return;
        }
        String source = sourceOf(entry.getBundle());
        Logger target = Logger.getLogger(source);
        if (!target.isLoggable(level)) {
            return;
        }
        LogRecord record = new LogRecord(level, entry.getMessage());
        record.setLoggerName(source);
        record.setInstant(java.time.Instant.ofEpochMilli(entry.getTime()));
        record.setThrown(entry.getException());
        target.log(record);
    }

    /**
     * The log service also reports every bundle, service and framework event (OSGi Log spec 101.6). Service events
     * would flood an operator's console, so they only pass when they are warnings or errors; bundle events are debug
     * detail. Returns {@code null} for entries that are dropped.
     */
    static Level levelOf(LogEntry entry) {
        String logger = entry.getLoggerName();
        LogLevel level = entry.getLogLevel();
        boolean event = logger != null && logger.startsWith("Events.");
        if (event && level.implies(LogLevel.INFO)) { // implies: as verbose as INFO or more
            return logger.equals("Events.Service") ? null : Level.FINE;
        }
        return LogLevelControl.julLevel(level);
    }

    private static String sourceOf(Bundle bundle) {
        if (bundle == null || bundle.getSymbolicName() == null) {
            return "framework";
        }
        return bundle.getBundleId() == 0 ? "framework" : bundle.getSymbolicName();
    }
}
