package org.framegrid.demo.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import org.framegrid.api.frame.FrameCode;

/**
 * Latency samples with their arrival times, so that a window (a round, a minute, the time after a failover) can be
 * summarised: glass to glass per frame, from the frame codes a receiving tap reads (arrival minus the capture time its
 * source drew into it; one host, one clock), or any other delay (an app event until the first frame showing it).
 * Thread-safe.
 */
public final class Latencies {
    private long[] arrivals = new long[1024];
    private long[] latencies = new long[1024];
    private int size;
    private long firstFrame = -1;
    private long lastFrame = -1;

    /** @return the wall clock in microseconds since the epoch, the clock frame codes carry */
    public static long nowMicros() {
        Instant now = Clock.systemUTC().instant();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /** Records a frame that arrived now: its latency is now minus its capture time. */
    public synchronized void frame(FrameCode code) {
        long now = nowMicros();
        sample(now, now - code.captureMicros());
        firstFrame = firstFrame < 0 ? code.frame() : Math.min(firstFrame, code.frame());
        lastFrame = Math.max(lastFrame, code.frame());
    }

    /** Records one delay that ended at {@code arrivalMicros}. */
    public synchronized void sample(long arrivalMicros, long latencyMicros) {
        if (size == arrivals.length) {
            arrivals = Arrays.copyOf(arrivals, size * 2);
            latencies = Arrays.copyOf(latencies, size * 2);
        }
        arrivals[size] = arrivalMicros;
        latencies[size++] = latencyMicros;
    }

    /** @return the samples recorded */
    public synchronized int size() {
        return size;
    }

    /** @return frames the source made between the first and last recorded that never arrived */
    public synchronized long missing() {
        return size == 0 ? 0 : Math.max(0, lastFrame - firstFrame + 1 - size);
    }

    /**
     * @param fromMicros start of the window (arrival time, inclusive)
     * @param toMicros end of the window (exclusive)
     * @return p50, p95, p99 in milliseconds and the count, of the frames that arrived in the window; NaN when none
     */
    public synchronized Summary window(long fromMicros, long toMicros) {
        long[] in = new long[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (arrivals[i] >= fromMicros && arrivals[i] < toMicros) {
                in[n++] = latencies[i];
            }
        }
        return Summary.of(Arrays.copyOf(in, n));
    }

    /** @return the summary of everything recorded */
    public Summary all() {
        return window(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Percentiles of one set of latencies, in milliseconds. */
    public record Summary(double p50, double p95, double p99, int count) {
        static Summary of(long[] micros) {
            if (micros.length == 0) {
                return new Summary(Double.NaN, Double.NaN, Double.NaN, 0);
            }
            long[] sorted = micros.clone();
            Arrays.sort(sorted);
            return new Summary(at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted.length);
        }

        private static double at(long[] sorted, double p) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p) - 1)] / 1000.0;
        }
    }
}
