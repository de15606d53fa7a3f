package org.framegrid.pipeline.engine.internal;

import static org.framegrid.pipeline.engine.internal.TestStages.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.framegrid.api.pipeline.FramePoolStatus;
import org.framegrid.api.pipeline.LatencyHistogram;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The counts an operator's metrics are made of: each node's latency buckets, and the frame pool's memory. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StageHistogramTest {
    @RegisterExtension
    final ProbeEngine probe = new ProbeEngine();

    @Test
    void everyProcessedFrameLandsInTheBucketOfItsTime() throws Exception {
        StreamHandle h = probe.engine.start(TestStages.linear("p", QueuePolicy.BLOCK,
                node("src", "gen", Map.of("interval", 1, "size", 64)), node("mid", "probe", Map.of("delay", 25)),
                node("out", "sink", Map.of())), "s", Map.of());
        Await.until("ten frames through the 25 ms stage", 10_000, () -> probe.seen.size() >= 10);
        FramePoolStatus running = probe.engine.framePool();
        h.close();

        StageStatus mid = h.status().stages().stream().filter(s -> s.node().equals("mid")).findFirst().orElseThrow();
        LatencyHistogram latency = mid.latency();
        assertEquals(mid.processed(), latency.count(), "one count per processed frame: " + latency);
        int bucket20 = latency.upperBoundsMillis().indexOf(20.0);
        for (int i = 0; i <= bucket20; i++) {
            assertEquals(0, latency.counts().get(i), "no frame of a 25 ms stage is at or below "
                    + latency.upperBoundsMillis().get(i) + " ms: " + latency);
        }
        assertTrue(latency.sumMillis() >= 25.0 * latency.count(), "the sum adds every frame's time: " + latency);

        assertTrue(running.buffersAllocated() >= 1, "frames came from the pool: " + running);
        assertTrue(running.bytesHeld() >= 64L * 64 * 3, "a 64x64 RGB frame's buffer is held: " + running);
    }
}
