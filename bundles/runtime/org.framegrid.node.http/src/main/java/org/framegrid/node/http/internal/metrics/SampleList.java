package org.framegrid.node.http.internal.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.framegrid.node.api.MetricSample;
import org.framegrid.node.api.MetricWriter;

/** Gathers counters and gauges as {@link MetricSample}s for the status page and the shell; histograms stay out. */
public final class SampleList implements MetricWriter {

    private final List<MetricSample> samples = new ArrayList<>();

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
        // served on /metrics only: the page and the shell show each stage's p50 and p99 instead
    }

    /** @return what was written, in order */
    public List<MetricSample> samples() {
        return List.copyOf(samples);
    }
}
