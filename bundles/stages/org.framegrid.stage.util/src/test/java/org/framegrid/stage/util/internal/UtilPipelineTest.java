package org.framegrid.stage.util.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The utility stages as a real pipeline in the engine: a tee to collect and null, formats negotiated end to end. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UtilPipelineTest {

    record Got(String stream, String node, PixelFormat format, int width, int height, Long number) {
    }

    @Test
    void testSourceConvertResizeOverlayTeeToCollectAndNull() throws Exception {
        Queue<Got> got = new ConcurrentLinkedQueue<>();
        CollectSinkProvider collect = new CollectSinkProvider();
        collect.addListener((stream, node, f) -> got.add(new Got(stream, node, f.format(), f.width(), f.height(),
                f.meta(TestSourceProvider.FRAME_NUMBER))));
        try (EmbeddedEngine engine = new EmbeddedEngine(60_000, false)) {
            engine.addProvider(new TestSourceProvider(), 0, 1, "util");
            engine.addProvider(new ConvertProvider(), 0, 2, "util");
            engine.addProvider(new ResizeProvider(), 0, 3, "util");
            engine.addProvider(new OverlayProvider(), 0, 4, "util");
            engine.addProvider(new PassthroughProvider(), 0, 5, "util");
            engine.addProvider(collect, 0, 6, "util");
            engine.addProvider(new NullSinkProvider(), 0, 7, "util");
            PipelineDefinition d = new PipelineDefinition("demo", "test", "r", List.of(
                    new NodeDefinition("src", "test-source", Map.of("width", 64, "height", 48, "fps", 200.0)),
                    new NodeDefinition("yuv", "convert", Map.of("format", "I420")),
                    new NodeDefinition("small", "resize", Map.of("width", 32, "height", 24)),
                    new NodeDefinition("draw", "overlay", Map.of()),
                    new NodeDefinition("same", "passthrough", Map.of()),
                    new NodeDefinition("out", "collect", Map.of()),
                    new NodeDefinition("drop", "null", Map.of())), List.of(
                    new EdgeDefinition("src", "yuv", null), new EdgeDefinition("yuv", "small", null),
                    new EdgeDefinition("small", "draw", null), new EdgeDefinition("draw", "same", null),
                    new EdgeDefinition("same", "out", null), new EdgeDefinition("same", "drop", null)),
                    QueuePolicy.BLOCK, null);
            assertEquals(List.of(), engine.check(d));
            StreamHandle h = engine.start(d, "cam1", Map.of());
            Await.until("20 frames at collect", 10_000, () -> got.size() >= 20,
                    () -> "frames collected: " + got.size());
            h.update(Map.of("small.width", 16, "small.height", 12));
            int before = got.size();
            Await.until("a 16x12 frame after the live resize", 10_000,
                    () -> got.stream().skip(before).anyMatch(g -> g.width() == 16));
            h.close();
            assertTrue(got.size() >= 20, "frames collected: " + got.size());
            Got first = got.peek();
            assertEquals(new Got("cam1", "out", PixelFormat.I420, 32, 24, 0L), first);
            assertTrue(got.stream().anyMatch(g -> g.width() == 16 && g.height() == 12), "live resize applied");
            long n = -1;
            for (Got g : got) {
                assertEquals(n + 1, g.number(), "BLOCK queues lose nothing");
                n = g.number();
            }
            assertEquals(0, engine.pool().outstanding());
            assertEquals(0, engine.frameThreads());
        }
    }
}
