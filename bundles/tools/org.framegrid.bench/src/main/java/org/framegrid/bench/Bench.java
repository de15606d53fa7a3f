package org.framegrid.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FramePool;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;

/**
 * {@code bench engine}: 8 identity stages at 1280x720 RGB24 through the engine (a thread and a bounded queue per
 * stage) against the same 8 stage calls inline in one loop, side by side in one run.
 *
 * <p>Throughput: unpaced source, {@code block} queues, rounds alternating inline and engine; the medians give the
 * ratio. Latency: a paced source ({@code latest} queues, the real-time default); the engine's added latency per stage
 * is (engine p99 end-to-end − inline p99 of the 8 calls) / 8.
 */
public final class Bench {
    private static final int STAGES = 8;
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;

    private Bench() {
    }

    /**
     * @param args {@code engine [--frames N] [--rounds N] [--work touch|none] [--latency-fps N]
     *     [--latency-frames N]}
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("engine")) {
            System.err.println("usage: bench engine [--frames 600] [--rounds 9] [--work touch|none] "
                    + "[--latency-fps 120] [--latency-frames 1200]");
            System.exit(2);
        }
        Map<String, String> opt = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int frames = Integer.parseInt(opt.getOrDefault("frames", "600"));
        int rounds = Integer.parseInt(opt.getOrDefault("rounds", "9"));
        boolean touch = !opt.getOrDefault("work", "touch").equals("none");
        int latencyFps = Integer.parseInt(opt.getOrDefault("latency-fps", "120"));
        int latencyFrames = Integer.parseInt(opt.getOrDefault("latency-frames", "1200"));

        System.out.printf("bench engine: %d identity stages (%s), %dx%d RGB24, %d cores, %s%n", STAGES,
                touch ? "each reads the whole frame" : "no work", WIDTH, HEIGHT,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        try (EmbeddedEngine engine = new EmbeddedEngine(3_600_000, false)) {
            AtomicLong count = new AtomicLong();
            LatencyLog latencies = new LatencyLog(Math.max(frames, latencyFrames));
            engine.addProvider(BenchStages.source(WIDTH, HEIGHT), 0, 1, "bench");
            engine.addProvider(BenchStages.identity(touch), 0, 2, "bench");
            engine.addProvider(BenchStages.sink(count, latencies::add), 0, 3, "bench");

            // Warm-up: every path, until the JIT has compiled the loops.
            inline(engine.pool(), touch, frames / 4, 0, null);
            throughEngine(engine, count, latencies, QueuePolicy.BLOCK, frames / 4, 0, false);
            throughEngine(engine, count, latencies, QueuePolicy.BLOCK, frames / 4, 0, true);

            double[] inlineFps = new double[rounds];
            double[] engineFps = new double[rounds];
            double[] fusedFps = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                inlineFps[r] = frames / inline(engine.pool(), touch, frames, 0, null);
                engineFps[r] = frames / throughEngine(engine, count, latencies, QueuePolicy.BLOCK, frames, 0, false);
                fusedFps[r] = frames / throughEngine(engine, count, latencies, QueuePolicy.BLOCK, frames, 0, true);
                System.out.printf("  round %d: inline %.1f fps, engine %.1f fps, engine fused %.1f fps%n", r + 1,
                        inlineFps[r], engineFps[r], fusedFps[r]);
            }
            // Each round's engine figure against the inline one measured just before it: background load on a shared
            // machine moves both alike, so the median of the per-round ratios is steadier than a ratio of medians.
            double[] ratio = new double[rounds];
            double[] fusedRatio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = engineFps[r] / inlineFps[r];
                fusedRatio[r] = fusedFps[r] / inlineFps[r];
            }
            double in = median(inlineFps);
            double en = median(engineFps);
            double fu = median(fusedFps);

            long intervalUs = 1_000_000L / latencyFps;
            LatencyLog inlineLatency = new LatencyLog(latencyFrames);
            inline(engine.pool(), touch, latencyFrames, intervalUs, inlineLatency);
            latencies.clear();
            throughEngine(engine, count, latencies, QueuePolicy.LATEST, latencyFrames, intervalUs, false);
            double[] threaded = {latencies.percentile(0.5), latencies.percentile(0.99), latencies.size()};
            latencies.clear();
            throughEngine(engine, count, latencies, QueuePolicy.LATEST, latencyFrames, intervalUs, true);
            double[] fused = {latencies.percentile(0.5), latencies.percentile(0.99), latencies.size()};
            double inP99 = inlineLatency.percentile(0.99);

            System.out.printf("throughput (medians): inline %.1f fps; engine %.1f fps; engine fused (queue: direct) "
                    + "%.1f fps%n", in, en, fu);
            System.out.printf("throughput ratio engine/inline (median of rounds): %.3f threaded, %.3f fused "
                    + "(goal >= 0.97)%n", median(ratio), median(fusedRatio));
            System.out.printf("latency at %d fps over %d frames, p50 / p99 ms: inline %.3f / %.3f; engine %.3f / %.3f "
                            + "(%d delivered); fused %.3f / %.3f (%d delivered)%n", latencyFps, latencyFrames,
                    inlineLatency.percentile(0.5), inP99, threaded[0], threaded[1], (int) threaded[2], fused[0],
                    fused[1], (int) fused[2]);
            System.out.printf("engine added p99 latency per stage: %.3f ms threaded, %.3f ms fused (goal < 0.5 ms)%n",
                    (threaded[1] - inP99) / STAGES, (fused[1] - inP99) / STAGES);
            System.out.printf("frame buffers allocated: %d, outstanding after the run: %d%n",
                    engine.pool().allocated(), engine.pool().outstanding());
        }
    }

    /** The same 8 stage instances called one after the other in one loop; returns seconds. */
    private static double inline(FramePool pool, boolean touch, int frames, long intervalUs, LatencyLog latency)
            throws Exception {
        List<BenchStages.Identity> stages = new ArrayList<>();
        StageContext ctx = new InlineContext(pool);
        for (int i = 0; i < STAGES; i++) {
            BenchStages.Identity s = new BenchStages.Identity(touch);
            s.configure(ctx, new StageProperties(Map.of()));
            stages.add(s);
        }
        long start = System.nanoTime();
        long next = start;
        for (int n = 0; n < frames; n++) {
            if (intervalUs > 0) {
                next += intervalUs * 1000;
                Pace.until(next);
            }
            Frame f = pool.acquire(PixelFormat.RGB24, WIDTH, HEIGHT);
            f.data().putLong(0, n);
            f.pts(System.nanoTime());
            for (BenchStages.Identity s : stages) {
                f = s.process(f);
            }
            if (latency != null) {
                latency.add(System.nanoTime() - f.pts());
            }
            f.release();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private record InlineContext(FramePool pool) implements StageContext {
        public String streamId() { return "inline"; }
        public String nodeName() { return "inline"; }
        public PixelFormat inputFormat() { return PixelFormat.RGB24; }
        public PixelFormat outputFormat() { return PixelFormat.RGB24; }
        public void endOfStream() { } // the inline loop counts its frames itself
    }

    /** One stream: source, 8 identity nodes, sink; returns seconds until the sink saw every frame (or gave up). */
    private static double throughEngine(EmbeddedEngine engine, AtomicLong count, LatencyLog latencies, QueuePolicy policy,
                                        int frames, long intervalUs, boolean fused) throws Exception {
        QueuePolicy nodes = fused ? QueuePolicy.DIRECT : null;
        List<NodeDefinition> list = new ArrayList<>();
        List<EdgeDefinition> edges = new ArrayList<>();
        list.add(new NodeDefinition("src", "bench-source", Map.of("count", frames, "interval-us", intervalUs)));
        String previous = "src";
        for (int i = 1; i <= STAGES; i++) {
            list.add(new NodeDefinition("s" + i, "identity", Map.of(), nodes, null, null, null, Map.of()));
            edges.add(new EdgeDefinition(previous, "s" + i, null));
            previous = "s" + i;
        }
        list.add(new NodeDefinition("sink", "bench-sink", Map.of(), nodes, null, null, null, Map.of()));
        edges.add(new EdgeDefinition(previous, "sink", null));
        PipelineDefinition d = new PipelineDefinition("bench", "bench", "1", list, edges, policy, null);
        count.set(0);
        long start = System.nanoTime();
        long last = start;
        long seen = 0;
        try (StreamHandle h = engine.start(d, "bench", Map.of())) {
            // LATEST may drop frames: stop once the count stops moving for a second.
            while (count.get() < frames && System.nanoTime() - last < 1_000_000_000L) {
                Thread.sleep(1);
                if (count.get() != seen) {
                    seen = count.get();
                    last = System.nanoTime();
                }
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Latency samples in nanoseconds; written by one thread at a time. */
    static final class LatencyLog {
        private final long[] samples;
        private volatile int size;

        LatencyLog(int capacity) {
            samples = new long[capacity];
        }

        void add(long nanos) {
            if (size < samples.length) {
                samples[size] = nanos;
                size = size + 1;
            }
        }

        void clear() {
            size = 0;
        }

        int size() {
            return size;
        }

        /** @return the percentile in milliseconds */
        double percentile(double p) {
            int n = size;
            if (n == 0) {
                return Double.NaN;
            }
            long[] copy = Arrays.copyOf(samples, n);
            Arrays.sort(copy);
            return copy[Math.min(n - 1, (int) Math.ceil(n * p) - 1)] / 1e6;
        }
    }
}
