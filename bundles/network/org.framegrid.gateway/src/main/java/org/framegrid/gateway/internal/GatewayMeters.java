package org.framegrid.gateway.internal;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.framegrid.node.api.Histogram;
import org.framegrid.node.api.MetricWriter;

/**
 * What a gateway measures across its streams (every {@link StreamMeter} adds to it): the first-frame delay, each
 * frame's end-to-end latency through the network, and the bytes each way. Thread-safe.
 */
final class GatewayMeters {
    private final Histogram firstFrame = new Histogram(Histogram.NETWORK_SECONDS);
    private final Histogram latency = new Histogram(Histogram.NETWORK_SECONDS);
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();

    void firstFrame(double seconds) {
        firstFrame.observe(seconds);
    }

    void latency(double seconds) {
        latency.observe(seconds);
    }

    void bytesIn(int n) {
        bytesIn.add(n);
    }

    void bytesOut(int n) {
        bytesOut.add(n);
    }

    void write(String gateway, MetricWriter out) {
        Map<String, String> labels = Map.of("gateway", gateway);
        firstFrame.writeTo(out, "framegrid_gateway_first_frame_delay_seconds", "From a stream's start to its first "
                + "output bytes from an orchestrator (opening the session included)", labels);
        latency.writeTo(out, "framegrid_gateway_latency_seconds", "End-to-end latency per video frame: its input "
                + "bytes in from the app to its output bytes back from the orchestrator (paired by presentation time)",
                labels);
        out.counter("framegrid_gateway_bytes", "Stream bytes: in = from apps to orchestrators, out = from "
                + "orchestrators to apps", Map.of("gateway", gateway, "direction", "in"), bytesIn.sum());
        out.counter("framegrid_gateway_bytes", "Stream bytes: in = from apps to orchestrators, out = from "
                + "orchestrators to apps", Map.of("gateway", gateway, "direction", "out"), bytesOut.sum());
    }
}
