package org.framegrid.gateway.internal;

import java.util.Collection;
import java.util.Map;
import org.framegrid.node.api.MetricWriter;

/**
 * A gateway's streams as metrics: per running stream, the segments sent and delivered, the failovers (swaps) and the
 * output gap of the last one, the payments made and the value delivered and at risk, and which orchestrator serves
 * it now. Labels are bounded: a stream's series exist while it runs.
 */
final class GatewayMetrics {

    private GatewayMetrics() {
    }

    static void write(String gateway, Collection<StreamReport> streams, MetricWriter out) {
        out.gauge("framegrid_gateway_streams", "Streams the gateway runs", Map.of("gateway", gateway),
                streams.size());
        for (StreamReport r : streams) {
            Map<String, String> labels = Map.of("gateway", gateway, "stream", r.id(), "pipeline", r.pipeline());
            out.counter("framegrid_gateway_segments_in", "Input segments sent to orchestrators", labels,
                    r.segmentsIn());
            out.counter("framegrid_gateway_segments_out", "Output segments delivered whole to the app", labels,
                    r.segmentsOut());
            out.counter("framegrid_gateway_frames_skipped", "Frames of segments the gateway passed over, gone from a "
                    + "channel before it read them (it fell behind the app's input or an orchestrator's output)",
                    labels, r.framesSkipped());
            out.counter("framegrid_gateway_frames_lost_in_failover", "Input frames lost in failovers: sent to the "
                    + "failed session after the last frame it sent back, or passed over by the next (it starts at the "
                    + "live edge)", labels, r.framesLostInFailover());
            out.counter("framegrid_gateway_swaps", "Failovers to another orchestrator", labels, r.swaps());
            if (r.lastGapMillis() >= 0) {
                out.gauge("framegrid_gateway_swap_gap_seconds", "The output gap of the last failover", labels,
                        r.lastGapMillis() / 1000.0);
            }
            out.counter("framegrid_gateway_payments", "Payments made to the serving orchestrators", labels,
                    r.payments());
            out.counter("framegrid_gateway_paid_wei", "Everything paid for the stream, initial payments included, "
                    + "in wei", labels, r.paidWei().doubleValue());
            out.counter("framegrid_gateway_delivered_wei", "The value of the output delivered, in wei", labels,
                    r.deliveredWei().doubleValue());
            out.gauge("framegrid_gateway_value_at_risk_wei", "Paid to the serving orchestrator beyond the output it "
                    + "delivered, in wei", labels, r.valueAtRiskWei().doubleValue());
            out.gauge("framegrid_gateway_stream_orchestrator", "1 for the orchestrator serving the stream now",
                    Map.of("gateway", gateway, "stream", r.id(), "orchestrator", r.orchestrator()), 1);
        }
    }
}
