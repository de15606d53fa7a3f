package org.framegrid.launcher;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** Sends Felix's own messages (resolver errors, bundle start failures) to the node log instead of stdout. */
final class FrameworkLog extends org.apache.felix.framework.Logger {

    private final Logger target = Logger.getLogger("framework");

    @Override
    @SuppressWarnings("rawtypes") // Felix declares the raw type
    protected void doLog(Bundle bundle, ServiceReference reference, int level, String message, Throwable error) {
        Level julLevel = switch (level) {
            case LOG_ERROR -> Level.SEVERE;
            case LOG_WARNING -> Level.WARNING;
            case LOG_INFO -> Level.INFO;
            default -> Level.FINE;
        };
        if (!target.isLoggable(julLevel)) {
            return;
        }
        String text = bundle == null || bundle.getBundleId() == 0 ? message : bundle.getSymbolicName() + ": " + message;
        LogRecord record = new LogRecord(julLevel, text);
        record.setLoggerName("framework");
        record.setThrown(error);
        target.log(record);
    }
}
