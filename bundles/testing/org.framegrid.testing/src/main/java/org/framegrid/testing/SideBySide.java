package org.framegrid.testing;

/**
 * Two loops over the same work timed side by side, alternating call by call, so that both see the same machine state
 * (clock boost, caches, other load): the ratio of their rates is what a benchmark reports, never an absolute time.
 *
 * <p>Each call's CPU time on the calling thread is kept too: on a shared machine (other work on the cores) wall time
 * inflates with the load, the thread's CPU time does not; for work done on the calling thread (ONNX Runtime with one
 * intra-op thread computes there) it is the robust per-core figure.
 *
 * @param rounds timed calls of each loop
 * @param firstNanos time spent in the first loop's calls
 * @param secondNanos time spent in the second loop's calls
 * @param firstCpuNanos CPU time of the calling thread in the first loop's calls (since 1.1)
 * @param secondCpuNanos CPU time of the calling thread in the second loop's calls (since 1.1)
 */
public record SideBySide(int rounds, long firstNanos, long secondNanos, long firstCpuNanos, long secondCpuNanos) {

    /** Wall times only (CPU times unknown, 0). */
    public SideBySide(int rounds, long firstNanos, long secondNanos) {
        this(rounds, firstNanos, secondNanos, 0, 0);
    }

    /** One call of a loop; a cheap check of what it produced may go in it, timed with it. */
    @FunctionalInterface
    public interface Call {
        void run() throws Exception;
    }

    /** Calls both {@code warmUp} times untimed, then {@code rounds} times each, alternating, timing every call. */
    public static SideBySide time(int warmUp, int rounds, Call first, Call second) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            first.run();
            second.run();
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long firstNanos = 0;
        long secondNanos = 0;
        long firstCpu = 0;
        long secondCpu = 0;
        for (int i = 0; i < rounds; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            first.run();
            long t1 = System.nanoTime();
            long c1 = threads.getCurrentThreadCpuTime();
            second.run();
            secondNanos += System.nanoTime() - t1;
            secondCpu += threads.getCurrentThreadCpuTime() - c1;
            firstNanos += t1 - t0;
            firstCpu += c1 - c0;
        }
        return new SideBySide(rounds, firstNanos, secondNanos, firstCpu, secondCpu);
    }

    /** @return calls of the first loop per second of the calling thread's CPU time (per core) */
    public double firstCpuFps() {
        return rounds * 1e9 / firstCpuNanos;
    }

    /** @return calls of the second loop per second of the calling thread's CPU time (per core) */
    public double secondCpuFps() {
        return rounds * 1e9 / secondCpuNanos;
    }

    /** @return calls of the first loop per second */
    public double firstFps() {
        return rounds * 1e9 / firstNanos;
    }

    /** @return calls of the second loop per second */
    public double secondFps() {
        return rounds * 1e9 / secondNanos;
    }
}
