package org.framegrid.demo.internal.soak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each node's resources minute by minute, from its {@code /metrics} scraped every few seconds: the heap in use after
 * the last collection (the minute's lowest sample), threads, open file descriptors and the engine's off-heap frame
 * buffers (each the minute's highest); and once a minute the live heap from a class histogram (a full collection
 * first, so the heap after it is the live heap too). A restarted node is a new incarnation with its own rows. Also
 * keeps the highest value of each stage drop counter series an incarnation reported (a session's series goes when
 * the session ends, so they are summed per series, not per scrape).
 */
final class ResourceLog {
    /** From /metrics; column {@link #LIVE} is the class histogram's total. */
    private static final String[] COLUMNS = {NodeMetrics.HEAP_AFTER_GC, null, NodeMetrics.THREADS, NodeMetrics.FDS,
            NodeMetrics.FRAME_POOL, NodeMetrics.STREAMS};
    private static final int LIVE = 1;
    /** The streams the node ran (the minute's most): not a resource, the load the others are judged at. */
    private static final int STREAMS = 5;
    private static final boolean[] LOWEST = {true, true, false, false, false, false};
    private static final boolean[] BYTES = {true, true, false, false, true, false};

    /** A node process: its name and how many times it was started before. */
    record Incarnation(String node, int start) {
        String label() {
            return start == 0 ? node : node + " (restart " + start + ")";
        }
    }

    private final Map<Incarnation, TreeMap<Integer, double[]>> minutes = new LinkedHashMap<>();
    private final Map<String, Double> drops = new LinkedHashMap<>();
    private final Map<String, Double> failoverLosses = new LinkedHashMap<>();
    private final Map<Incarnation, TreeMap<Integer, ClassHistogram>> histograms = new LinkedHashMap<>();

    private double[] row(Incarnation node, int minute) {
        return minutes.computeIfAbsent(node, k -> new TreeMap<>()).computeIfAbsent(minute, m -> {
            double[] r = new double[COLUMNS.length];
            java.util.Arrays.fill(r, Double.NaN);
            return r;
        });
    }

    synchronized void sample(Incarnation node, int minute, Map<String, Double> values) {
        double[] row = row(node, minute);
        for (int i = 0; i < COLUMNS.length; i++) {
            Double v = COLUMNS[i] == null ? null : values.get(COLUMNS[i]);
            if (v != null) {
                row[i] = Double.isNaN(row[i]) ? v : LOWEST[i] ? Math.min(row[i], v) : Math.max(row[i], v);
            }
        }
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (e.getKey().startsWith(NodeMetrics.DROPS + "{") || e.getKey().startsWith(NodeMetrics.FAILED + "{")
                    || e.getKey().startsWith(NodeMetrics.GATEWAY_SKIPPED + "{")) {
                drops.merge(node.label() + " " + e.getKey(), e.getValue(), Math::max);
            } else if (e.getKey().startsWith(NodeMetrics.GATEWAY_FAILOVER + "{")) {
                failoverLosses.merge(node.label() + " " + e.getKey(), e.getValue(), Math::max);
            }
        }
    }

    /** The minute's class histogram of {@code node}: its total is the live heap. */
    synchronized void histogram(Incarnation node, int minute, ClassHistogram h) {
        double[] row = row(node, minute);
        row[LIVE] = Double.isNaN(row[LIVE]) ? h.total() : Math.min(row[LIVE], h.total());
        histograms.computeIfAbsent(node, k -> new TreeMap<>()).put(minute, h);
    }

    /**
     * @return per incarnation, its first histogram after warm-up (and after its own first minute) and its last, when
     *     they differ
     */
    synchronized Map<Incarnation, List<Map.Entry<Integer, ClassHistogram>>> histogramSpans(int warmupMinutes) {
        Map<Incarnation, List<Map.Entry<Integer, ClassHistogram>>> spans = new LinkedHashMap<>();
        histograms.forEach((node, byMinute) -> {
            int first = minutes.get(node).firstKey();
            Map.Entry<Integer, ClassHistogram> from = byMinute.ceilingEntry(Math.max(warmupMinutes, first + 1));
            Map.Entry<Integer, ClassHistogram> to = byMinute.lastEntry();
            if (from != null && to.getKey() > from.getKey()) {
                spans.put(node, List.of(from, to));
            }
        });
        return spans;
    }

    /** @return input frames the gateway counted as lost in failovers */
    synchronized long failoverLosses() {
        return Math.round(failoverLosses.values().stream().mapToDouble(Double::doubleValue).sum());
    }

    /** @return the counted frames by family: stages' drops, stages' failures, the gateway's passed-over frames */
    synchronized String dropsByFamily() {
        Map<String, Long> by = new java.util.TreeMap<>();
        drops.forEach((k, v) -> by.merge(k.substring(k.indexOf(" framegrid_") + 1, k.indexOf('{')), Math.round(v),
                Long::sum));
        return by.toString();
    }

    /** @return frames the nodes' stages counted as dropped (the highest value of each series, summed) */
    synchronized long drops() {
        return Math.round(drops.values().stream().mapToDouble(Double::doubleValue).sum());
    }

    /** @return one line per node incarnation and minute */
    synchronized List<String> table() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  %-26s %6s %8s %16s %12s %8s %6s %14s", "node", "minute", "streams",
                "heap after GC MB", "live heap MB", "threads", "fds", "frame pool MB"));
        minutes.forEach((node, rows) -> rows.forEach((minute, r) -> lines.add(String.format(Locale.ROOT,
                "  %-26s %6d %8.0f %16.1f %12.1f %8.0f %6.0f %14.1f", node.label(), minute + 1, r[STREAMS], r[0] / 1e6,
                r[1] / 1e6, r[2], r[3], r[4] / 1e6))));
        return lines;
    }

    /**
     * Flat within 10 %: for each incarnation, every minute after {@code warmupMinutes} (and after its own first
     * minute) against the first such minute, among the minutes in which it ran as many streams as it ever did (a
     * restarted orchestrator idles until a kill of the other sends it the streams: that is load, not growth); a
     * value may fall, not grow by more than 10 %. The heap is judged by the live heap where both minutes have a class
     * histogram, else by the heap after GC. The last minute is left out: the streams stop in it.
     *
     * @return a line per growth found; empty when flat
     */
    synchronized List<String> growth(int warmupMinutes, int lastMinute) {
        List<String> found = new ArrayList<>();
        String[] names = {"heap after GC", "live heap", "threads", "fds", "frame pool"};
        minutes.forEach((node, rows) -> {
            int first = rows.firstKey();
            double peak = rows.values().stream().mapToDouble(r -> Double.isNaN(r[STREAMS]) ? 0 : r[STREAMS]).max()
                    .orElse(0);
            TreeMap<Integer, double[]> loaded = new TreeMap<>();
            rows.forEach((minute, r) -> {
                if ((Double.isNaN(r[STREAMS]) ? 0 : r[STREAMS]) == peak) {
                    loaded.put(minute, r);
                }
            });
            Integer base = loaded.ceilingKey(Math.max(warmupMinutes, first + 1));
            if (base == null) {
                return;
            }
            double[] b = loaded.get(base);
            loaded.tailMap(base, false).headMap(lastMinute, false).forEach((minute, r) -> {
                for (int i = 0; i < STREAMS; i++) {
                    if (i == 0 && !Double.isNaN(b[LIVE]) && !Double.isNaN(r[LIVE])) {
                        continue; // the live heap judges: one instant at :50, where the minute's lowest heap after
                        // GC may be from before the streams came
                    }
                    // NaN (no sample: the node did not answer, jcmd gave no histogram) compares false
                    if (r[i] > b[i] * 1.10 && r[i] - b[i] > (BYTES[i] ? 1e6 : 2)) {
                        found.add(String.format(Locale.ROOT, "%s: %s grew from %.1f in minute %d to %.1f in minute %d"
                                + " (+%.0f %%)", node.label(), names[i], scale(i, b[i]), base + 1, scale(i, r[i]),
                                minute + 1, (r[i] / b[i] - 1) * 100));
                    }
                }
            });
        });
        return found;
    }

    private static double scale(int column, double v) {
        return BYTES[column] ? v / 1e6 : v;
    }
}
