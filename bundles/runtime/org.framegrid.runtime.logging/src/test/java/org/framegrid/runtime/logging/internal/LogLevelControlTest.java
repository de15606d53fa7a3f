package org.framegrid.runtime.logging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.log.admin.LoggerContext;

class LogLevelControlTest {

    /** A LoggerAdmin holding its contexts' levels in maps, as the log service does. */
    private static final class Admin implements LoggerAdmin {
        final Map<String, Map<String, LogLevel>> contexts = new HashMap<>();

        @Override
        public LoggerContext getLoggerContext(String name) {
            Map<String, LogLevel> levels = contexts.computeIfAbsent(name == null ? "" : name, n -> new HashMap<>());
            return new LoggerContext() {
                @Override public String getName() { return name; }
                @Override public LogLevel getEffectiveLogLevel(String logger) { return levels.get("ROOT"); }
                @Override public Map<String, LogLevel> getLogLevels() { return Map.copyOf(levels); }
                @Override public void setLogLevels(Map<String, LogLevel> set) { levels.clear(); levels.putAll(set); }
                @Override public void clear() { levels.clear(); }
                @Override public boolean isEmpty() { return levels.isEmpty(); }
            };
        }
    }

    private final Admin admin = new Admin();
    private final LogLevelControl control = new LogLevelControl(admin);

    @Test
    void aBundleLevelReachesItsOsgiContextAndItsClassLoggers() {
        admin.getLoggerContext(null).setLogLevels(Map.of("ROOT", LogLevel.INFO));
        control.set("org.framegrid.test.gateway", "debug");

        assertEquals(Map.of("ROOT", LogLevel.DEBUG), admin.contexts.get("org.framegrid.test.gateway"));
        assertEquals(Level.FINE, Logger.getLogger("org.framegrid.test.gateway").getLevel());
        assertEquals(true, Logger.getLogger("org.framegrid.test.gateway.internal.Stream").isLoggable(Level.FINE),
                "a class logger of the bundle's packages inherits it");
        assertEquals(Map.of("ROOT", "INFO", "org.framegrid.test.gateway", "DEBUG"), control.levels());
    }

    @Test
    void rootIsTheDefault() {
        Level before = Logger.getLogger("").getLevel();
        try {
            control.set("root", "WARN");
            assertEquals(Map.of("ROOT", LogLevel.WARN), admin.contexts.get(""));
            assertEquals(Level.WARNING, Logger.getLogger("").getLevel());
        } finally {
            Logger.getLogger("").setLevel(before);
        }
    }

    @Test
    void badInputSaysWhat() {
        assertEquals("'LOUD' is not a log level (ERROR, WARN, INFO, DEBUG, TRACE)",
                assertThrows(IllegalArgumentException.class, () -> control.set("x", "LOUD")).getMessage());
        assertEquals("a logger name is needed (a bundle's symbolic name, or ROOT)",
                assertThrows(IllegalArgumentException.class, () -> control.set(" ", "INFO")).getMessage());
    }
}
