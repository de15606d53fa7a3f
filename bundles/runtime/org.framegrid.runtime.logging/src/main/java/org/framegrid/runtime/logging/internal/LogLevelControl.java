package org.framegrid.runtime.logging.internal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.framegrid.node.api.LogLevels;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.log.admin.LoggerContext;

/**
 * Log levels changed while the node runs. A node's lines come from two kinds of logger, and a level is set on both:
 * the OSGi Log Service's (SCR, FileInstall, bundles that log through it), whose levels live in the
 * {@link LoggerAdmin}'s context of the bundle's symbolic name ({@code ROOT}: the root context), and
 * {@code java.util.logging}'s class loggers, which are children of the logger named after their bundle (a package
 * starts with its bundle's symbolic name), and which the log bridge also writes the OSGi entries to.
 */
@Component(name = "org.framegrid.runtime.logging.levels", service = LogLevels.class)
public final class LogLevelControl implements LogLevels {

    private static final String ROOT = org.osgi.service.log.Logger.ROOT_LOGGER_NAME;

    private final LoggerAdmin admin;
    /** Levels set here; JUL keeps loggers weakly, and a collected logger would forget its level. */
    private final Map<String, Logger> kept = new ConcurrentHashMap<>();
    private final Map<String, String> set = new ConcurrentHashMap<>();

    @Activate
    public LogLevelControl(@Reference LoggerAdmin admin) {
        this.admin = admin;
    }

    @Override
    public Map<String, String> levels() {
        Map<String, String> levels = new TreeMap<>();
        admin.getLoggerContext(null).getLogLevels().forEach((name, level) -> levels.put(name, level.name()));
        levels.putAll(set);
        return levels;
    }

    @Override
    public void set(String logger, String level) {
        if (logger == null || logger.isBlank()) {
            throw new IllegalArgumentException("a logger name is needed (a bundle's symbolic name, or ROOT)");
        }
        String upper = level == null ? "" : level.strip().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(upper)) {
            throw new IllegalArgumentException("'" + level + "' is not a log level (" + String.join(", ", LEVELS) + ")");
        }
        LogLevel osgi = LogLevel.valueOf(upper);
        String name = logger.strip();
        boolean root = name.equalsIgnoreCase(ROOT);
        LoggerContext context = admin.getLoggerContext(root ? null : name);
        Map<String, LogLevel> levels = new HashMap<>(context.getLogLevels());
        levels.put(ROOT, osgi);
        context.setLogLevels(levels);
        Logger jul = Logger.getLogger(root ? "" : name);
        jul.setLevel(julLevel(osgi));
        kept.put(name, jul);
        set.put(root ? ROOT : name, upper);
    }

    /** The JUL level an OSGi log level's entries are written at (AUDIT: always, as INFO). */
    static Level julLevel(LogLevel level) {
        return switch (level) {
            case AUDIT, INFO -> Level.INFO;
            case ERROR -> Level.SEVERE;
            case WARN -> Level.WARNING;
            case DEBUG -> Level.FINE;
            case TRACE -> Level.FINER;
        };
    }
}
