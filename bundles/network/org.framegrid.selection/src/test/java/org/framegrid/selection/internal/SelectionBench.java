package org.framegrid.selection.internal;

import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.framegrid.selection.api.Candidate;
import org.framegrid.selection.api.Observation;
import org.framegrid.selection.api.SelectionRequest;

/**
 * Benchmark: one selection over 10,000 candidates (a quarter of them filtered out by pipeline or price, 1% suspended,
 * all with measured latency). Prints median and p99 microseconds per call. Run:
 * {@code java -cp target/test-classes:target/classes:../org.framegrid.selection.api/target/classes
 * org.framegrid.selection.internal.SelectionBench}
 */
public final class SelectionBench {
    private SelectionBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        RandomGenerator rnd = RandomGenerator.of("L64X128MixRandom");
        DefaultSelector selector = new DefaultSelector(0.5, 0.3, 0.2, 30, rnd);
        List<Candidate> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String address = String.format("0x%040x", i);
            Set<String> pipelines = i % 8 == 0 ? Set.of("other") : Set.of("faces", "passthrough");
            BigInteger price = BigInteger.valueOf(i % 10 == 0 ? 5_000 : 1_000 + i % 500);
            all.add(new Candidate(address, URI.create("https://10.0." + i / 250 + "." + i % 250 + ":8935"),
                    BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(1 + rnd.nextInt(100_000))), price, pipelines,
                    1 + i % 4));
            selector.observe(new Observation(address, i % 100 == 0 ? Observation.Outcome.FAILURE
                    : Observation.Outcome.SUCCESS, 5 + rnd.nextInt(200), null));
        }
        SelectionRequest request = new SelectionRequest("faces", BigInteger.valueOf(2_000), Set.of());
        long sink = 0;
        for (int i = 0; i < 2_000; i++) { // warm-up: let the JIT compile select()
            sink += selector.select(request, all, 3).size();
        }
        int runs = 2_000;
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            sink += selector.select(request, all, 3).size();
            nanos[i] = System.nanoTime() - t;
        }
        java.util.Arrays.sort(nanos);
        System.out.printf("selection over %,d candidates: median %.1f us, p99 %.1f us per call (%d picks)%n", n,
                nanos[runs / 2] / 1e3, nanos[runs * 99 / 100] / 1e3, sink);
    }
}
