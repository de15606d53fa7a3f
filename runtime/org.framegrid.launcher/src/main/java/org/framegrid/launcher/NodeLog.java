package org.framegrid.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * The node's one logging backend: {@code java.util.logging} with a console handler and a rolling file, both in one
 * format. The framework (through {@link FrameworkLog}), the OSGi Log Service (through the log bridge bundle, which SCR,
 * FileInstall and our bundles log to) and libraries that log to JUL all end up here.
 */
final class NodeLog {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private NodeLog() {
    }

    /**
     * Replaces JUL's default set-up.
     *
     * @param level   the default level (the root logger's); a logger may be set lower while the node runs
     * @param logDir  folder of the rolling file, or {@code null} for console only
     * @param maxSize bytes per file before it rolls
     * @param files   how many files are kept
     * @param json    one JSON object per line instead of the text format (for log collectors)
     */
    static void configure(Level level, Path logDir, int maxSize, int files, boolean json) throws IOException {
        if (LogManager.getLogManager() instanceof NodeLogManager manager) {
            manager.clear();
        } else {
            LogManager.getLogManager().reset();
        }
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        Formatter format = json ? new JsonLineFormat() : new LineFormat();
        // Operators and scripts read stdout. (ConsoleHandler writes to stderr, and redirecting it closes System.err.)
        Handler console = new StreamHandler(System.out, format) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush(); // a line is visible as soon as it is logged
            }

            @Override
            public synchronized void close() {
                flush(); // never close System.out
            }
        };
        // Handlers pass everything: the loggers' levels decide, so that one bundle can be set to DEBUG at run time.
        console.setLevel(Level.ALL);
        root.addHandler(console);
        if (logDir != null) {
            Files.createDirectories(logDir);
            FileHandler file = new FileHandler(logDir.resolve("framegrid.%g.log").toString(), maxSize, files, true);
            file.setFormatter(format);
            file.setLevel(Level.ALL);
            root.addHandler(file);
        }
    }

    static Logger logger(String name) {
        return Logger.getLogger(name);
    }

    /** {@code 2026-11-24 10:15:02.123 INFO  [source] message}, then the stack trace if there is one. */
    static final class LineFormat extends Formatter {
        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder(128)
                    .append(TIME.format(record.getInstant())).append(' ')
                    .append(levelName(record.getLevel())).append(" [")
                    .append(record.getLoggerName() == null ? "" : record.getLoggerName()).append("] ")
                    .append(formatMessage(record)).append(System.lineSeparator());
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }

        static String levelName(Level level) {
            int value = level.intValue();
            if (value >= Level.SEVERE.intValue()) return "ERROR";
            if (value >= Level.WARNING.intValue()) return "WARN ";
            if (value >= Level.INFO.intValue()) return "INFO ";
            if (value >= Level.FINE.intValue()) return "DEBUG";
            return "TRACE";
        }
    }

    /**
     * One JSON object per line, for log collectors: {@code {"time":"2026-11-24T10:15:02.123Z","level":"INFO",
     * "logger":"source","thread":"main","message":"...","error":"stack trace"}} (error only when there is one).
     */
    static final class JsonLineFormat extends Formatter {
        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder(192).append("{\"time\":\"").append(record.getInstant())
                    .append("\",\"level\":\"").append(LineFormat.levelName(record.getLevel()).strip())
                    .append("\",\"logger\":");
            quote(line, record.getLoggerName() == null ? "" : record.getLoggerName());
            line.append(",\"thread\":");
            quote(line, Thread.currentThread().getName());
            line.append(",\"message\":");
            quote(line, formatMessage(record));
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(",\"error\":");
                quote(line, trace.toString());
            }
            return line.append('}').append(System.lineSeparator()).toString();
        }

        /** Appends {@code text} as a JSON string (RFC 8259 escapes). */
        static void quote(StringBuilder out, String text) {
            out.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
