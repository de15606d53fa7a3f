package org.framegrid.stage.lines.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.Line;
import org.framegrid.api.frame.Lines;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.stage.FrameListener;
import org.framegrid.pipeline.engine.internal.Engine;
import org.framegrid.stage.util.internal.CollectSinkProvider;
import org.framegrid.stage.util.internal.OverlayProvider;
import org.framegrid.stage.util.internal.TestSourceProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** test-source → lines → overlay → collect in the plain-Java engine. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LinesPipelineTest {

    /** What collect saw of one frame: its lines and the pixel (0xRRGGBB) at the middle of the first line. */
    record Got(Lines lines, int middle) {
    }

    private static int pixel(Frame f, int x, int y) {
        int at = f.offset(0) + Math.clamp(y, 0, f.height() - 1) * f.stride(0) + Math.clamp(x, 0, f.width() - 1) * 3;
        return (f.data().get(at) & 0xff) << 16 | (f.data().get(at + 1) & 0xff) << 8 | f.data().get(at + 2) & 0xff;
    }

    /** Registers a listener on the collect stage the way DS does: its bind method is package-private. */
    private static CollectSinkProvider collect(Queue<Got> got) throws Exception {
        CollectSinkProvider collect = new CollectSinkProvider();
        Method bind = CollectSinkProvider.class.getDeclaredMethod("addListener", FrameListener.class);
        bind.setAccessible(true);
        bind.invoke(collect, (FrameListener) (stream, node, f) -> {
            Lines lines = f.meta(FrameMeta.LINES);
            int middle = -1;
            if (lines != null && !lines.items().isEmpty()) {
                Line l = lines.items().get(0);
                middle = pixel(f, Math.round((l.x1() + l.x2()) / 2 * f.width()),
                        Math.round((l.y1() + l.y2()) / 2 * f.height()));
            }
            got.add(new Got(lines, middle));
        });
        return collect;
    }

    private static StageStatus stage(Engine engine, String stream, String node) {
        return engine.status(stream).orElseThrow().stages().stream().filter(s -> s.node().equals(node)).findFirst()
                .orElseThrow();
    }

    @Test
    void testSourceThroughLinesAndOverlayToCollect() throws Exception {
        Queue<Got> got = new ConcurrentLinkedQueue<>();
        try (Engine engine = new Engine(60_000, false)) {
            engine.addProvider(new TestSourceProvider(), 0, 1, "util");
            engine.addProvider(LinesTest.provider(), 0, 2, "lines");
            engine.addProvider(new OverlayProvider(), 0, 3, "util");
            engine.addProvider(collect(got), 0, 4, "util");
            PipelineDefinition d = new PipelineDefinition("lines", "test", "r", List.of(
                    new NodeDefinition("src", "test-source", Map.of("width", 640, "height", 360, "fps", 200.0)),
                    new NodeDefinition("lines", "lines", Map.of()),
                    new NodeDefinition("draw", "overlay", Map.of("thickness", 3)),
                    new NodeDefinition("out", "collect", Map.of())), List.of(
                    new EdgeDefinition("src", "lines", null), new EdgeDefinition("lines", "draw", null),
                    new EdgeDefinition("draw", "out", null)), QueuePolicy.BLOCK, null);
            assertEquals(List.of(), engine.check(d));
            StreamHandle h = engine.start(d, "cam", Map.of());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (got.size() < 30 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(got.size() >= 30, "frames collected: " + got.size());
            assertEquals(0, stage(engine, "cam", "lines").errors(), "lines errors");
            assertEquals(0, stage(engine, "cam", "draw").errors(), "overlay errors");
            h.close();
            assertEquals(0, engine.pool().outstanding(), "every frame returned to the pool");
        }
        int drawn = 0;
        for (Got g : got) {
            assertNotNull(g.lines(), "every frame carries lines metadata");
            if (g.middle() >= 0) {
                // overlay drew the line in the stage's colour over the picture.
                assertEquals(LineDetector.COLOR & 0xFFFFFF, g.middle(), "pixel under a drawn line");
                drawn++;
            }
        }
        System.out.println("pipeline: " + got.size() + " frames, " + drawn + " with lines drawn");
        assertTrue(drawn > 0, "the test pattern's edges give segments that overlay draws");
    }
}
