package org.framegrid.stage.lines.internal;

import static org.framegrid.testing.Streams.stage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.testing.Await;
import org.framegrid.testing.Collect;
import org.framegrid.testing.Providers;
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

    /** A collect sink that records what it sees of each frame. */
    private static Collect collect(Queue<Got> got) {
        return new Collect((stream, node, f) -> {
            Lines lines = f.meta(FrameMeta.LINES);
            int middle = -1;
            if (lines != null && !lines.items().isEmpty()) {
                Line l = lines.items().get(0);
                middle = pixel(f, Math.round((l.x1() + l.x2()) / 2 * f.width()),
                        Math.round((l.y1() + l.y2()) / 2 * f.height()));
            }
            got.add(new Got(lines, middle));
        });
    }


    @Test
    void testSourceThroughLinesAndOverlayToCollect() throws Exception {
        Queue<Got> got = new ConcurrentLinkedQueue<>();
        try (EmbeddedEngine engine = new EmbeddedEngine(60_000, false)) {
            engine.addProvider(Providers.stage("test-source"), 0, 1, "util");
            engine.addProvider(LinesTest.provider(), 0, 2, "lines");
            engine.addProvider(Providers.stage("overlay"), 0, 3, "util");
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
            Await.until("30 frames at collect", 20_000, () -> got.size() >= 30,
                    () -> "frames collected: " + got.size());
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
