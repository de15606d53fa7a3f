package org.framegrid.testing;

/**
 * Two loops over the same work timed side by side, alternating call by call, so that both see the same machine state
 * (clock boost, caches, other load): the ratio of their rates is what a benchmark reports, never an absolute time.
 *
 * @param rounds timed calls of each loop
 * @param firstNanos time spent in the first loop's calls
 * @param secondNanos time spent in the second loop's calls
 */
public record SideBySide(int rounds, long firstNanos, long secondNanos) {

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
        long firstNanos = 0;
        long secondNanos = 0;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            first.run();
            long t1 = System.nanoTime();
            second.run();
            secondNanos += System.nanoTime() - t1;
            firstNanos += t1 - t0;
        }
        return new SideBySide(rounds, firstNanos, secondNanos);
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
