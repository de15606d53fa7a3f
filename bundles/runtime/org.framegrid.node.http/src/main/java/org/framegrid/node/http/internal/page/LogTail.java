package org.framegrid.node.http.internal.page;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The last lines of the node's log file ({@code log/framegrid.0.log}): every source of the node writes there, the OSGi
 * log service's entries and the class loggers alike, so it is the one place that has them all.
 */
final class LogTail {

    /** Read at most this much of the file's end: enough for the lines the page shows, never the whole file. */
    private static final int TAIL_BYTES = 32 * 1024;

    private LogTail() {
    }

    /** @return up to {@code lines} last lines of the log in {@code dir}; empty when there is none */
    static List<String> last(Path dir, int lines) {
        if (dir == null) {
            return List.of();
        }
        Path file = dir.resolve("framegrid.0.log");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, TAIL_BYTES);
            byte[] tail = new byte[size];
            in.seek(length - size);
            in.readFully(tail);
            List<String> all = Arrays.asList(new String(tail, StandardCharsets.UTF_8).split("\\R"));
            // The first line may be cut in the middle, unless the whole file was read.
            List<String> whole = size < length && all.size() > 1 ? all.subList(1, all.size()) : all;
            return List.copyOf(whole.subList(Math.max(0, whole.size() - lines), whole.size()));
        } catch (IOException e) {
            return List.of("(the log cannot be read: " + e.getMessage() + ")");
        }
    }
}
