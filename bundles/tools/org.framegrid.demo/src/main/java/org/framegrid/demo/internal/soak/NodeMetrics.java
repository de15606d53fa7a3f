package org.framegrid.demo.internal.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A node's {@code /metrics} as the soak reads it: the node's operator URL from {@code run/http.url} in its folder
 * (read again for every scrape: a restarted node may have another port), and the values of the families the soak
 * follows, each summed over its labels (a label selector narrows one, e.g. {@code jvm_memory_used_bytes{area="heap"}}),
 * and the drop counters and stage providers also per series (name and labels as the key).
 */
final class NodeMetrics {
    /** Heap in use after the last collection, threads, open file descriptors, the engine's off-heap frame buffers. */
    static final String HEAP_AFTER_GC = "jvm_memory_heap_after_gc_bytes";
    static final String THREADS = "jvm_threads_current";
    static final String FDS = "process_open_fds";
    static final String FRAME_POOL = "framegrid_frame_pool_bytes";
    /** Streams running in the node's engine (an orchestrator: one per session). */
    static final String STREAMS = "framegrid_streams{state=\"ONLINE\"";
    /** Frames dropped by the node's stages (a live decoder skipping a backlog, a full live queue). */
    static final String DROPS = "framegrid_stage_frames_dropped";
    /** Frames of segments the gateway passed over, gone from a channel before it read them. */
    static final String GATEWAY_SKIPPED = "framegrid_gateway_frames_skipped";
    /** Frames that failed in a stage (an exception): they go no further. */
    static final String FAILED = "framegrid_stage_frames_failed";
    /** Input frames the gateway lost in failovers: in flight in the failed session, or passed over after it. */
    static final String GATEWAY_FAILOVER = "framegrid_gateway_frames_lost_in_failover";
    /** 1 for the bundle running each stage of each stream now (labels: stream, node, provider). */
    static final String STAGE_PROVIDER = "framegrid_stage_provider";
    /** Winning tickets stored and not redeemed yet. */
    static final String PENDING = "framegrid_payment_tickets_pending_redemption";

    private static final String[] FOLLOWED = {HEAP_AFTER_GC, STREAMS, THREADS, FDS, FRAME_POOL, DROPS, FAILED,
            GATEWAY_SKIPPED, GATEWAY_FAILOVER, PENDING, STAGE_PROVIDER};
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private NodeMetrics() {
    }

    /** @return the followed values, or null when the node does not answer (down, starting, restarting) */
    static Map<String, Double> scrape(Path nodeHome) {
        try {
            Path urlFile = nodeHome.resolve("run/http.url");
            if (!Files.exists(urlFile)) {
                return null;
            }
            URI base = URI.create(Files.readString(urlFile).trim());
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return r.statusCode() == 200 ? parse(r.body()) : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** @return each followed family's value summed over its samples (Prometheus text format) */
    static Map<String, Double> parse(String text) {
        Map<String, Double> values = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            for (String family : FOLLOWED) {
                if (matches(line, family)) {
                    values.merge(family, value(line), Double::sum);
                    // Per series too: a session's series goes when the session ends.
                    if (family.equals(DROPS) || family.equals(FAILED) || family.equals(GATEWAY_SKIPPED)
                            || family.equals(GATEWAY_FAILOVER)
                            || family.equals(STAGE_PROVIDER)) {
                        values.put(family + line.substring(line.indexOf('{'), line.indexOf('}') + 1), value(line));
                    }
                }
            }
        }
        return values;
    }

    private static boolean matches(String line, String family) {
        if (family.indexOf('{') >= 0) {
            String name = family.substring(0, family.indexOf('{'));
            String label = family.substring(family.indexOf('{') + 1);
            return line.startsWith(name + "{") && line.contains(label);
        }
        // A counter's samples are named NAME_total in the text format.
        return line.startsWith(family + " ") || line.startsWith(family + "{") || line.startsWith(family + "_total ")
                || line.startsWith(family + "_total{");
    }

    /** The sample's value: the first field after the name and labels (a timestamp may follow). */
    private static double value(String line) {
        int end = line.indexOf('}') + 1;
        String rest = line.substring(end > 0 ? end : line.indexOf(' ')).trim();
        int space = rest.indexOf(' ');
        return Double.parseDouble(space < 0 ? rest : rest.substring(0, space));
    }
}
