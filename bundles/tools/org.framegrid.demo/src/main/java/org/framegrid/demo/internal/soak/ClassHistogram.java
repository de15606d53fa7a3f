package org.framegrid.demo.internal.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A node's live objects by class: {@code jcmd PID GC.class_histogram}, which collects the whole heap first (a full
 * GC), so its total is the live heap and the node's {@code jvm_memory_heap_after_gc_bytes} reads the same just after.
 *
 * @param text     jcmd's output
 * @param classes  instances and bytes by class name (with its module)
 * @param total    the live heap in bytes
 */
record ClassHistogram(String text, Map<String, long[]> classes, long total) {

    /** @return the histogram of process {@code pid}, or null when jcmd is not there or gave none within 30 s */
    static ClassHistogram take(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return null;
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return parse(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Reads jcmd's lines {@code "  1:  INSTANCES  BYTES  CLASS (MODULE)"} and {@code "Total  INSTANCES  BYTES"}. */
    static ClassHistogram parse(String text) {
        Map<String, long[]> classes = new LinkedHashMap<>();
        long total = -1;
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+", 4);
            if (f.length >= 3 && f[0].equals("Total")) {
                total = Long.parseLong(f[2]);
            } else if (f.length == 4 && f[0].endsWith(":") && f[1].chars().allMatch(Character::isDigit)) {
                classes.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        return total < 0 ? null : new ClassHistogram(text, classes, total);
    }

    /** @return the {@code n} classes whose bytes grew most from {@code before} to this, as report lines */
    List<String> growthSince(ClassHistogram before, int n) {
        List<String> lines = new ArrayList<>();
        classes.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[] {e.getValue()[1] - before.counts(e.getKey())[1],
                        e.getValue()[0] - before.counts(e.getKey())[0]}))
                .filter(e -> e.getValue()[0] > 0)
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed())
                .limit(n)
                .forEach(e -> lines.add(String.format(Locale.ROOT, "%+,d bytes %+,d instances %s", e.getValue()[0],
                        e.getValue()[1], e.getKey())));
        return lines;
    }

    private long[] counts(String className) {
        return classes.getOrDefault(className, new long[2]);
    }
}
