package org.framegrid.node.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link MetricWriter} that keeps the counters and gauges written to it as {@link MetricSample}s: what the status
 * page, the shell and the sources' own tests read. Histograms are left out (the page shows each stage's p50 and p99
 * instead; they are served on {@code /metrics}). Thread-safe.
 */
public final class MetricSampleList implements MetricWriter {

    private final List<MetricSample> samples = new CopyOnWriteArrayList<>();

    /** @return what {@code source} writes now */
    public static MetricSampleList of(MetricSource source) {
        MetricSampleList list = new MetricSampleList();
        source.collect(list);
        return list;
    }

    @Override
    public void counter(String name, String help, Map<String, String> labels, double value) {
        samples.add(new MetricSample(name, help, true, labels, value));
    }

    @Override
    public void gauge(String name, String help, Map<String, String> labels, double value) {
        samples.add(new MetricSample(name, help, false, labels, value));
    }

    @Override
    public void histogram(String name, String help, Map<String, String> labels, List<Double> upperBounds,
            List<Long> counts, double sum) {
        // served on /metrics only
    }

    /** @return what was written, in order */
    public List<MetricSample> samples() {
        return List.copyOf(samples);
    }

    /**
     * @param name the metric's name (a counter's without {@code _total})
     * @param labels labels the sample must have (it may have more); never {@code null}
     * @return the value of the first such sample, or empty
     */
    public Optional<Double> value(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name)
                        && s.labels().entrySet().containsAll(labels.entrySet()))
                .map(MetricSample::value).findFirst();
    }
}
