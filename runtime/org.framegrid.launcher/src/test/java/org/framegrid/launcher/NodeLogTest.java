package org.framegrid.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

class NodeLogTest {

    @Test
    void jsonLinesAreOneObjectPerLineWithEverythingEscaped() {
        LogRecord record = new LogRecord(Level.WARNING, "a \"quoted\" word\nand a\ttab \\ \u0001");
        record.setLoggerName("org.framegrid.gateway");
        record.setInstant(Instant.parse("2026-11-24T10:15:02.123Z"));
        String line = new NodeLog.JsonLineFormat().format(record);

        assertEquals("{\"time\":\"2026-11-24T10:15:02.123Z\",\"level\":\"WARN\",\"logger\":\"org.framegrid.gateway\","
                + "\"thread\":\"" + Thread.currentThread().getName() + "\",\"message\":\"a \\\"quoted\\\" word\\nand a"
                + "\\ttab \\\\ \\u0001\"}" + System.lineSeparator(), line);
    }

    @Test
    void anErrorCarriesItsStackTraceInOneField() {
        LogRecord record = new LogRecord(Level.SEVERE, "failed");
        record.setThrown(new IllegalStateException("boom"));
        String line = new NodeLog.JsonLineFormat().format(record);

        assertEquals(1, line.strip().lines().count(), "one line: " + line);
        assertTrue(line.contains("\"level\":\"ERROR\"") && line.contains("\"error\":\"java.lang.IllegalStateException: boom\\n"),
                line);
    }
}
