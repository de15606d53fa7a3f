package org.framegrid.stage.generator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameCode;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.testing.Await;
import org.framegrid.testing.Collect;
import org.framegrid.testing.Streams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scene takes app events at the frame boundary right before it makes a frame. The sink runs on the scene's own
 * thread ({@code queue: direct}) and sends the event while it holds frame N, so frame N+1 is made after the send:
 * reflecting it there is "by the next frame" without any clock.
 */
@Timeout(60)
class SceneTest {
    static final int W = 640;
    static final int H = 360;
    private final EmbeddedEngine engine = new EmbeddedEngine(60_000, false);
    private final Map<Long, Frame> kept = new ConcurrentHashMap<>();

    @AfterEach
    void close() {
        kept.values().forEach(Frame::release);
        engine.close();
    }

    private StreamHandle start(AtomicReference<StreamHandle> handle, Map<Long, Map<String, Object>> sendAt)
            throws Exception {
        engine.addProvider(new SceneProvider(), 0, 1, "generator");
        engine.addProvider(new Collect((stream, node, frame) -> {
            FrameCode code = frame.meta(FrameMeta.FRAME_CODE);
            if (code.frame() < 12) {
                kept.put(code.frame(), frame.retain());
            }
            Map<String, Object> event = sendAt.get(code.frame());
            if (event != null) {
                handle.get().send("scene", event);
            }
        }), 0, 2, "test");
        StreamHandle h = engine.start(new PipelineDefinition("interactive", "test", "1", List.of(
                new NodeDefinition("scene", "scene", Map.of("width", W, "height", H, "fps", 200.0, "drift", 0.0)),
                new NodeDefinition("sink", "collect", Map.of(), QueuePolicy.DIRECT, null, null, null, Map.of())),
                List.of(new EdgeDefinition("scene", "sink", null)), QueuePolicy.LATEST, null), "s", Map.of());
        handle.set(h);
        return h;
    }

    @Test
    void anEventSentDuringFrameNShowsInFrameNPlusOne() throws Exception {
        AtomicReference<StreamHandle> handle = new AtomicReference<>();
        start(handle, Map.of(5L, Map.of("id", 42, "dx", 160)));
        Await.until("12 frames at the sink", 20_000, () -> kept.size() >= 12);
        assertEquals(0, kept.get(5L).meta(FrameMeta.FRAME_CODE).event(), "frame 5 was made before the event");
        assertEquals(42, kept.get(6L).meta(FrameMeta.FRAME_CODE).event(), "frame 6 reflects event 42");
        assertEquals(42, kept.get(11L).meta(FrameMeta.FRAME_CODE).event(), "and every frame after it");
        // The camera moved 160 world pixels right between frames 5 and 6 (no drift): the same world, shifted.
        Frame before = kept.get(5L);
        Frame after = kept.get(6L);
        int differing = 0;
        for (int y = H / 4; y < H; y += 7) {
            for (int x = 0; x < W - 160; x += 5) {
                if (Math.abs(y - H / 2) > W / 40 && rgb(after, x, y) != rgb(before, x + 160, y)) {
                    differing++;
                }
            }
        }
        assertEquals(0, differing, "frame 6 is frame 5's world 160 pixels further right");
        assertTrue(rgb(after, 10, H - 10) != rgb(before, 10, H - 10) || rgb(after, 200, H - 10) != rgb(before,
                200, H - 10), "and not the same picture");
    }

    @Test
    void aMalformedEventFailsOneFrameWithItsReasonAndTheStreamGoesOn() throws Exception {
        AtomicReference<StreamHandle> handle = new AtomicReference<>();
        start(handle, Map.of(3L, Map.of("id", 1, "dx", "left")));
        Await.until("12 frames at the sink", 20_000, () -> kept.size() >= 12);
        var scene = Streams.stage(engine, "s", "scene");
        assertEquals(1, scene.errors());
        assertTrue(scene.lastError().contains("'dx' must be a number"), scene.lastError());
    }

    private static int rgb(Frame f, int x, int y) {
        int i = f.offset(0) + y * f.stride(0) + x * 3;
        assertEquals(PixelFormat.RGB24, f.format());
        return (f.data().get(i) & 0xFF) << 16 | (f.data().get(i + 1) & 0xFF) << 8 | f.data().get(i + 2) & 0xFF;
    }
}
