package org.framegrid.pipeline.engine.internal;

import static org.framegrid.pipeline.engine.internal.TestStages.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.testing.Await;
import org.framegrid.testing.PlainStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The engine's per-frame work on a node thread (take, process under the node lock, statistics, hand-off) allocates
 * next to nothing: measured with the JVM's per-thread allocation counters around allocation-free stages.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HotPathAllocationTest {
    /** Per frame and node thread; a blocking hand-off may allocate a wait node (measured: about 30 bytes). */
    private static final long BUDGET_BYTES_PER_FRAME = 64;

    @Test
    void nodeThreadsAllocateAlmostNothingPerFrame() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        AtomicLong sunk = new AtomicLong();
        StageDescriptor identity = new StageDescriptor("identity", "Filter/Test", "returns its input",
                TestStages.ALL, OutputRule.SAME_AS_INPUT, Set.of(), null, List.of());
        StageDescriptor counter = new StageDescriptor("counter", "Sink/Test", "counts", TestStages.ALL,
                OutputRule.NONE, Set.of(), null, List.of());
        try (Engine engine = new Engine(60_000, false)) {
            engine.addProvider(TestStages.source(), 0, 1, "t");
            engine.addProvider(new TestStages.Provider(identity, () -> new PlainStage() {
                @Override
                public Frame process(Frame in) {
                    return in;
                }
            }), 0, 2, "t");
            engine.addProvider(new TestStages.Provider(counter, () -> new PlainStage() {
                @Override
                public Frame process(Frame in) {
                    sunk.incrementAndGet();
                    return null;
                }
            }), 0, 3, "t");
            StreamHandle h = engine.start(TestStages.linear("alloc", QueuePolicy.BLOCK,
                    node("src", "gen", Map.of("interval", 0, "size", 32)), node("a", "identity", Map.of()),
                    node("b", "identity", Map.of()), node("out", "counter", Map.of())), "alloc", Map.of());
            Await.until("warm-up", 10_000, () -> sunk.get() > 20_000);
            long[] ids = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("framegrid-alloc-") && !t.getName().endsWith("-src"))
                    .mapToLong(Thread::threadId).toArray();
            assertEquals(3, ids.length, "a, b and out");
            long framesBefore = sunk.get();
            long bytesBefore = sum(threads.getThreadAllocatedBytes(ids));
            Await.until("20000 more frames", 20_000, () -> sunk.get() > framesBefore + 20_000);
            long bytes = sum(threads.getThreadAllocatedBytes(ids)) - bytesBefore;
            long frames = sunk.get() - framesBefore;
            h.close();
            double perFrameAndThread = (double) bytes / frames / ids.length;
            assertTrue(perFrameAndThread < BUDGET_BYTES_PER_FRAME, perFrameAndThread + " bytes per frame and thread");
        }
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }
}
