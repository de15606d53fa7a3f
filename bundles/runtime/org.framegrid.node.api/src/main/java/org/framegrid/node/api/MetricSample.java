package org.framegrid.node.api;

import java.util.Map;
import java.util.Objects;

/**
 * One value a {@link MetricSource} wrote, as {@link NodeReport} hands it out.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the metric name (a counter's without {@code _total}); never {@code null}
 * @param help the source's sentence for it; never {@code null}
 * @param counter whether it is a counter (else a gauge)
 * @param labels label names and values; never {@code null} (copied)
 * @param value the value
 */
public record MetricSample(String name, String help, boolean counter, Map<String, String> labels, double value) {

    /** Checks the components and copies the labels. */
    public MetricSample {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(help, "help");
        labels = Map.copyOf(labels);
    }
}
