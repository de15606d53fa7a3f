package org.framegrid.node.api;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a {@link MetricSource} writes its values. Several sources may write the same metric (one orchestrator per
 * configuration, say) as long as they agree on its type and their labels tell the values apart.
 *
 * <p>Only valid during {@link MetricSource#collect}.
 */
@ProviderType
public interface MetricWriter {

    /**
     * A value that only grows while the process runs (frames, tickets, wei earned).
     *
     * @param name the metric name without {@code _total}, e.g. {@code framegrid_tickets_received}
     * @param help one sentence for operators
     * @param labels label names and values; empty for none; never {@code null}
     * @param value the count
     */
    void counter(String name, String help, Map<String, String> labels, double value);

    /**
     * A value that goes up and down (sessions running, deposit, current round).
     *
     * @param name the metric name, e.g. {@code framegrid_orchestrator_sessions}
     * @param help one sentence for operators
     * @param labels label names and values; empty for none; never {@code null}
     * @param value the value now
     */
    void gauge(String name, String help, Map<String, String> labels, double value);

    /**
     * Observations counted in fixed buckets (processing times, say): served on {@code /metrics} only.
     *
     * @param name the metric name with its unit, e.g. {@code framegrid_stage_latency_seconds}
     * @param help one sentence for operators
     * @param labels label names and values; empty for none; never {@code null}
     * @param upperBounds the buckets' upper bounds, ascending, in the metric's unit
     * @param counts observations per bucket (not cumulative): one per bound, then one for those above the last
     * @param sum the sum of every observation
     */
    void histogram(String name, String help, Map<String, String> labels, List<Double> upperBounds, List<Long> counts,
            double sum);
}
