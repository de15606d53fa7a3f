package org.framegrid.demo.internal.soak;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How long a stage swap takes to reach every stream: after each swap, the orchestrators' {@code /metrics} are read
 * every {@link #POLL_MILLIS} until every stream's {@code stamp} stage reports the new release
 * ({@code framegrid_stage_provider}), or until the next swap (then it did not converge within the swap interval).
 */
final class SwapReach {
    static final long POLL_MILLIS = 250;
    private final List<Path> orchestratorHomes;
    private final Function<Path, Map<String, Double>> scrape;
    private final List<Long> reachMillis = new ArrayList<>();
    private int notReached;
    private Thread watching;

    SwapReach(List<Path> orchestratorHomes, Function<Path, Map<String, Double>> scrape) {
        this.orchestratorHomes = orchestratorHomes;
        this.scrape = scrape;
    }

    /** Follows the swap to {@code version} just made, in the background; stops following the one before. */
    synchronized void swapped(String version) throws InterruptedException {
        stop();
        long at = System.nanoTime();
        watching = Thread.ofPlatform().name("soak-swap-reach").daemon().start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    boolean reached = stale(version).isEmpty();
                    if (Thread.currentThread().isInterrupted()) {
                        break; // an interrupted scrape reads as a node down: no answer, not a reach
                    }
                    if (reached) {
                        record((System.nanoTime() - at) / 1_000_000);
                        return;
                    }
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException next) {
                // the next swap came first
            }
            synchronized (this) {
                notReached++;
            }
        });
    }

    private synchronized void record(long millis) {
        reachMillis.add(millis);
    }

    /** Stops following the last swap (counted as not reached if it had not). */
    void stop() throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = watching;
            watching = null;
        }
        if (t != null) {
            t.interrupt();
            t.join();
        }
    }

    /**
     * Waits, at most {@code maxMillis}, until every stream's stamp stage runs {@code version}.
     *
     * @return the stamp providers that do not, at the end (empty: every one does)
     */
    List<String> awaitAll(String version, long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        List<String> stale = stale(version);
        while (!stale.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            stale = stale(version);
        }
        return stale;
    }

    /** @return every stream's stamp provider now, as "NODE-FOLDER SERIES" */
    List<String> providers() {
        List<String> found = new ArrayList<>();
        for (Path home : orchestratorHomes) {
            Map<String, Double> m = scrape.apply(home);
            if (m != null) {
                m.keySet().stream().filter(k -> k.startsWith(NodeMetrics.STAGE_PROVIDER + "{")
                        && k.contains(StageSwaps.BUNDLE + ":")).sorted()
                        .forEach(k -> found.add(home.getFileName() + " " + k));
            }
        }
        return found;
    }

    /** @return the stamp providers not on {@code version} now */
    List<String> stale(String version) {
        return stale(providers(), version);
    }

    static List<String> stale(List<String> providers, String version) {
        String label = "\"" + StageSwaps.BUNDLE + ":" + version + "\"";
        return providers.stream().filter(p -> !p.contains(label)).toList();
    }

    /** @return the swaps followed to every stream, each in milliseconds, in order */
    synchronized List<Long> reached() {
        return List.copyOf(reachMillis);
    }

    /** @return the swaps that had not reached every stream when the next came */
    synchronized int notReached() {
        return notReached;
    }
}
