package org.framegrid.node.http.internal.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import org.framegrid.node.api.MetricWriter;

/**
 * Turns what the sources write into Prometheus snapshots, one family per name: values of the same name from several
 * sources (two orchestrators) become data points of one family. A value that cannot be served (a name already used
 * with another type, a label set written twice, a name Prometheus rejects) is left out and named in
 * {@link #problems()}; the rest of the scrape is served.
 */
final class SnapshotWriter implements MetricWriter {

    private enum Kind { COUNTER, GAUGE, HISTOGRAM }

    /** One family being gathered: its type, help and data points in the order written. */
    private record Family(Kind kind, String help, List<Object> points) {
    }

    private final Map<String, Family> families = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    @Override
    public void counter(String name, String help, Map<String, String> labels, double value) {
        add(name, Kind.COUNTER, help, CounterDataPointSnapshot.builder().labels(labels(labels)).value(value).build());
    }

    @Override
    public void gauge(String name, String help, Map<String, String> labels, double value) {
        add(name, Kind.GAUGE, help, GaugeDataPointSnapshot.builder().labels(labels(labels)).value(value).build());
    }

    @Override
    public void histogram(String name, String help, Map<String, String> labels, List<Double> upperBounds,
            List<Long> counts, double sum) {
        List<Double> bounds = new ArrayList<>(upperBounds);
        bounds.add(Double.POSITIVE_INFINITY);
        try {
            add(name, Kind.HISTOGRAM, help, HistogramDataPointSnapshot.builder().labels(labels(labels))
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts)).sum(sum).build());
        } catch (IllegalArgumentException e) {
            problems.add(name + ": " + e.getMessage());
        }
    }

    private static Labels labels(Map<String, String> labels) {
        return labels.isEmpty() ? Labels.EMPTY
                : Labels.of(labels.keySet().toArray(String[]::new), labels.values().toArray(String[]::new));
    }

    private void add(String name, Kind kind, String help, Object point) {
        Family family = families.computeIfAbsent(name, n -> new Family(kind, help, new ArrayList<>()));
        if (family.kind != kind) {
            problems.add(name + ": written as " + kind + " and as " + family.kind + "; the " + kind + " left out");
            return;
        }
        family.points.add(point);
    }

    /** @return one snapshot per family that Prometheus accepts */
    List<MetricSnapshot> snapshots() {
        List<MetricSnapshot> snapshots = new ArrayList<>();
        families.forEach((name, family) -> {
            try {
                snapshots.add(build(name, family));
            } catch (IllegalArgumentException e) { // a bad name or a label set written twice
                problems.add(name + ": " + e.getMessage());
            }
        });
        return snapshots;
    }

    private static MetricSnapshot build(String name, Family family) {
        return switch (family.kind) {
            case COUNTER -> {
                CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(family.help);
                family.points.forEach(p -> b.dataPoint((CounterDataPointSnapshot) p));
                yield b.build();
            }
            case GAUGE -> {
                GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(family.help);
                family.points.forEach(p -> b.dataPoint((GaugeDataPointSnapshot) p));
                yield b.build();
            }
            case HISTOGRAM -> {
                HistogramSnapshot.Builder b = HistogramSnapshot.builder().name(name).help(family.help);
                family.points.forEach(p -> b.dataPoint((HistogramDataPointSnapshot) p));
                yield b.build();
            }
        };
    }

    /** @return what was left out of this scrape, one line each */
    List<String> problems() {
        return problems;
    }
}
