package org.framegrid.api.pipeline;

import java.util.List;

/**
 * Processing times of one node of a stream since the stream started, counted in fixed buckets: what a Prometheus
 * histogram is made of (the engine keeps these counts; it knows nothing of any metrics library).
 *
 * <p>Immutable and thread-safe.
 *
 * @param upperBoundsMillis the buckets' upper bounds in milliseconds, ascending; never {@code null} (copied)
 * @param counts how many frames fell into each bucket (not cumulative): one entry per bound, then one for the
 *     frames above the last bound; never {@code null} (copied)
 * @param sumMillis the sum of every processing time counted, in milliseconds
 * @since 1.4
 */
public record LatencyHistogram(List<Double> upperBoundsMillis, List<Long> counts, double sumMillis) {

    /** Copies the lists and checks that there is one count per bucket. */
    public LatencyHistogram {
        upperBoundsMillis = List.copyOf(upperBoundsMillis);
        counts = List.copyOf(counts);
        if (counts.size() != upperBoundsMillis.size() + 1) {
            throw new IllegalArgumentException(counts.size() + " counts for " + upperBoundsMillis.size()
                    + " bounds: one count per bound and one above the last");
        }
    }

    /** @return how many frames were counted */
    public long count() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }
}
