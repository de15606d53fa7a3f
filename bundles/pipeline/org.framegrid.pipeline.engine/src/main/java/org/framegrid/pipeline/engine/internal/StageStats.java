package org.framegrid.pipeline.engine.internal;

import java.util.Arrays;

/**
 * Per-node counters and a ring of recent processing times. Written only by the node's frame thread; read by the status
 * thread without locking, so a snapshot may mix two frames' values, which is fine for statistics.
 */
final class StageStats {
    private static final int WINDOW = 1024;
    /** Consecutive failures that make a stream {@code ERROR}. */
    static final int ERROR_STREAK = 30;

    private final long[] latencies = new long[WINDOW];
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
}
