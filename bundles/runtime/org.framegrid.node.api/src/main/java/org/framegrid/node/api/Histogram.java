package org.framegrid.node.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Observations counted in fixed buckets, kept by a {@link MetricSource} between scrapes and written with
 * {@link #writeTo}: what a source that times something (a first frame, a frame's way through the network) keeps
 * instead of a metrics library's histogram.
 *
 * <p>Thread-safe; {@link #observe} allocates nothing.
 *
 * @since 1.1
 */
public final class Histogram {

    /** Bounds for network times in seconds: 5 ms to 60 s. */
    public static final List<Double> NETWORK_SECONDS = List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            10.0, 30.0, 60.0);

    private final double[] bounds;
    private final LongAdder[] counts;
    private final DoubleAdder sum = new DoubleAdder();

    /**
     * @param upperBounds the buckets' upper bounds, ascending, in the metric's unit; at least one
     * @throws IllegalArgumentException when they are empty or not ascending
     */
    public Histogram(List<Double> upperBounds) {
        if (upperBounds.isEmpty()) {
            throw new IllegalArgumentException("a histogram needs at least one bucket bound");
        }
        bounds = new double[upperBounds.size()];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = upperBounds.get(i);
            if (i > 0 && bounds[i] <= bounds[i - 1]) {
                throw new IllegalArgumentException("bucket bounds must ascend: " + upperBounds);
            }
        }
        counts = new LongAdder[bounds.length + 1];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** @param value one observation, in the metric's unit; counted in the first bucket whose bound is at least it */
    public void observe(double value) {
        int i = 0;
        while (i < bounds.length && value > bounds[i]) {
            i++;
        }
        counts[i].increment();
        sum.add(value);
    }

    /** @return how many observations were counted */
    public long count() {
        long n = 0;
        for (LongAdder c : counts) {
            n += c.sum();
        }
        return n;
    }

    /** @return the sum of every observation */
    public double sum() {
        return sum.sum();
    }

    /** Writes the buckets as {@link MetricWriter#histogram}. */
    public void writeTo(MetricWriter out, String name, String help, Map<String, String> labels) {
        List<Double> upper = new ArrayList<>(bounds.length);
        for (double b : bounds) {
            upper.add(b);
        }
        List<Long> perBucket = new ArrayList<>(counts.length);
        for (LongAdder c : counts) {
            perBucket.add(c.sum());
        }
        out.histogram(name, help, labels, upper, perBucket, sum.sum());
    }
}
