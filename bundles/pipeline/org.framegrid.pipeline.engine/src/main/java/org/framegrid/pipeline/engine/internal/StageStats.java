package org.framegrid.pipeline.engine.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.framegrid.api.pipeline.LatencyHistogram;

/**
 * Per-node counters and a ring of recent processing times. Written only by the node's frame thread; read by the status
 * thread without locking, so a snapshot may mix two frames' values, which is fine for statistics.
 */
final class StageStats {
    private static final int WINDOW = 1024;
    /**
     * Upper bounds of the latency buckets, in nanoseconds: 0.5 ms to 5 s, about three per decade, so that a 40 ms
     * budget per frame (25 fps) and a slow model's 300 ms both land in a bucket of their own.
     */
    private static final long[] BOUNDS_NANOS = {500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000, 20_000_000,
        40_000_000, 100_000_000, 200_000_000, 500_000_000, 1_000_000_000, 2_000_000_000, 5_000_000_000L};
    private static final List<Double> BOUNDS_MILLIS = Arrays.stream(BOUNDS_NANOS).mapToObj(n -> n / 1e6).toList();
    /** Consecutive failures that make a stream {@code ERROR}. */
    static final int ERROR_STREAK = 30;

    private final long[] latencies = new long[WINDOW];
    /** Frames per latency bucket since the stream started; the last one counts those above every bound. */
    private final long[] buckets = new long[BOUNDS_NANOS.length + 1];
    private long sumNanos;
    private volatile long processed;
    private volatile long errors;
    private volatile int errorStreak;
    private volatile String lastError;
    private volatile boolean stateChanged;
    private long tickTime = System.nanoTime();
    private long tickProcessed;
    private double fps;

    void record(long nanos) {
        long n = processed;
        latencies[(int) (n % WINDOW)] = nanos;
        int bucket = 0;
        while (bucket < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[bucket]) {
            bucket++;
        }
        buckets[bucket]++;
        sumNanos += nanos;
        processed = n + 1;
        if (errorStreak != 0) {
            stateChanged |= errorStreak >= ERROR_STREAK;
            errorStreak = 0;
        }
    }

    void error(Throwable t) {
        errors++;
        errorStreak++;
        lastError = t.toString();
        stateChanged |= errorStreak == ERROR_STREAK;
    }

    /** An error outside frame processing (failed start of a replacement): counted, does not make a streak. */
    void note(String message) {
        errors++;
        lastError = message;
    }

    /** @return whether the error streak crossed {@link #ERROR_STREAK} since the last call; frame thread only */
    boolean takeStateChange() {
        if (stateChanged) {
            stateChanged = false;
            return true;
        }
        return false;
    }

    long processed() {
        return processed;
    }

    long errors() {
        return errors;
    }

    int errorStreak() {
        return errorStreak;
    }

    String lastError() {
        return lastError;
    }

    /**
     * Closes a status period: the rate over it becomes {@link #fps()}. Called by the status thread only.
     *
     * @return the frames processed in the period
     */
    synchronized long tick(long now) {
        long n = processed;
        long delta = n - tickProcessed;
        double seconds = (now - tickTime) / 1e9;
        if (seconds > 0) {
            fps = delta / seconds;
        }
        tickTime = now;
        tickProcessed = n;
        return delta;
    }

    /** @return the rate over the last closed period, or since the start while no period was closed */
    synchronized double fps() {
        if (fps > 0 || tickProcessed > 0) {
            return fps;
        }
        double seconds = (System.nanoTime() - tickTime) / 1e9;
        return seconds > 0 ? processed / seconds : 0;
    }

    /** @return {p50, p99} in milliseconds over the last {@value #WINDOW} frames */
    double[] percentiles() {
        int n = (int) Math.min(processed, WINDOW);
        if (n == 0) {
            return new double[] {0, 0};
        }
        long[] copy = Arrays.copyOf(latencies, n);
        Arrays.sort(copy);
        return new double[] {copy[(n - 1) / 2] / 1e6, copy[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6};
    }

    /** @return the bucketed processing times since the stream started (read without locking, like the rest) */
    LatencyHistogram histogram() {
        List<Long> counts = new ArrayList<>(buckets.length);
        for (long count : buckets) {
            counts.add(count);
        }
        return new LatencyHistogram(BOUNDS_MILLIS, counts, sumNanos / 1e6);
    }
}
