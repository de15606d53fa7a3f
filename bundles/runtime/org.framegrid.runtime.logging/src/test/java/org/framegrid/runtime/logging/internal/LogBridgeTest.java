package org.framegrid.runtime.logging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;

class LogBridgeTest {

    private record Entry(String getLoggerName, LogLevel getLogLevel) implements LogEntry {
        @Override public Bundle getBundle() { return null; }
        @Override public ServiceReference<?> getServiceReference() { return null; }
        @Override @SuppressWarnings("deprecation") public int getLevel() { return getLogLevel.ordinal(); }
        @Override public String getMessage() { return "m"; }
        @Override public Throwable getException() { return null; }
        @Override public long getTime() { return 0; }
        @Override public String getThreadInfo() { return "t"; }
        @Override public long getSequence() { return 0; }
        @Override public StackTraceElement getLocation() { return null; }
    }

    @Test
    void ordinaryEntriesKeepTheirLevel() {
        assertEquals(Level.SEVERE, LogBridge.levelOf(new Entry("x", LogLevel.ERROR)));
        assertEquals(Level.WARNING, LogBridge.levelOf(new Entry("x", LogLevel.WARN)));
        assertEquals(Level.INFO, LogBridge.levelOf(new Entry("x", LogLevel.INFO)));
        assertEquals(Level.INFO, LogBridge.levelOf(new Entry("x", LogLevel.AUDIT)));
        assertEquals(Level.FINE, LogBridge.levelOf(new Entry("x", LogLevel.DEBUG)));
        assertEquals(Level.FINER, LogBridge.levelOf(new Entry("x", LogLevel.TRACE)));
    }

    @Test
    void routineFrameworkEventsAreQuietButProblemsAreNot() {
        assertNull(LogBridge.levelOf(new Entry("Events.Service", LogLevel.INFO)));
        assertNull(LogBridge.levelOf(new Entry("Events.Service", LogLevel.DEBUG)));
        assertEquals(Level.FINE, LogBridge.levelOf(new Entry("Events.Bundle", LogLevel.INFO)));
        assertEquals(Level.SEVERE, LogBridge.levelOf(new Entry("Events.Framework", LogLevel.ERROR)));
        assertEquals(Level.WARNING, LogBridge.levelOf(new Entry("Events.Framework", LogLevel.WARN)));
    }
}
