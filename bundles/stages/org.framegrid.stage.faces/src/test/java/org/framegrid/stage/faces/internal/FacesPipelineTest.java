package org.framegrid.stage.faces.internal;

import static org.framegrid.testing.Streams.stage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.framegrid.api.frame.Detections;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.testing.Await;
import org.framegrid.testing.Collect;
import org.framegrid.testing.PlainStage;
import org.framegrid.testing.Providers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The face stages as nodes of real pipelines in the plain-Java engine, with the utility stages around them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FacesPipelineTest {

    /** What the collect node saw of one frame. */
    record Got(PixelFormat format, int width, int height, Detections faces, int centre) {
    }

    /** A collect sink that records what it sees of each frame. */
    private static Collect collect(Queue<Got> got) {
        return new Collect((stream, node, f) -> {
            int at = f.offset(0) + (f.height() / 2) * f.stride(0) + (f.width() / 2) * 3;
            got.add(new Got(f.format(), f.width(), f.height(), f.meta(FrameMeta.DETECTIONS), f.data().get(at) & 0xff));
        });
    }

    private static DetectFacesProvider detector() throws Exception {
        DetectFacesProvider detect = new DetectFacesProvider();
        detect.addModel(Fixtures.model("blazeface-front"));
        detect.setBackend(Providers.cpuBackend());
        return detect;
    }

    private static void await(Queue<Got> got, int frames) {
        Await.until(frames + " frames at collect", 20_000, () -> got.size() >= frames,
                () -> "frames collected: " + got.size());
    }


    @Test
    void testSourceThroughDetectFacesToCollect() throws Exception {
        Queue<Got> got = new ConcurrentLinkedQueue<>();
        try (EmbeddedEngine engine = new EmbeddedEngine(60_000, false)) {
            engine.addProvider(Providers.stage("test-source"), 0, 1, "util");
            engine.addProvider(detector(), 0, 2, "faces");
            engine.addProvider(collect(got), 0, 3, "util");
            PipelineDefinition d = new PipelineDefinition("faces", "test", "r", List.of(
                    new NodeDefinition("src", "test-source", Map.of("width", 640, "height", 360, "fps", 200.0)),
                    new NodeDefinition("faces", "detect-faces", Map.of("score-threshold", 0.6)),
                    new NodeDefinition("out", "collect", Map.of())), List.of(
                    new EdgeDefinition("src", "faces", null), new EdgeDefinition("faces", "out", null)),
                    QueuePolicy.BLOCK, null);
            assertEquals(List.of(), engine.check(d));
            StreamHandle h = engine.start(d, "cam", Map.of());
            await(got, 30);
            assertEquals(0, stage(engine, "cam", "faces").errors(), "detect-faces errors");
            h.close();
            assertEquals(0, engine.pool().outstanding(), "every frame returned to the pool");
        }
        for (Got g : got) {
            assertEquals(new Got(PixelFormat.RGB24, 640, 360, new Detections(List.of()), g.centre()), g,
                    "every frame annotated; the synthetic pattern has no face");
        }
    }

    @Test
    void aStillOfTheAstronautThroughDetectAndBlurFaces() throws Exception {
        BufferedImage image = Fixtures.astronaut();
        Queue<Got> got = new ConcurrentLinkedQueue<>();
        try (EmbeddedEngine engine = new EmbeddedEngine(60_000, false)) {
            engine.addProvider(new StillSource(image), 0, 1, "test");
            engine.addProvider(detector(), 0, 2, "faces");
            engine.addProvider(new BlurFacesProvider(), 0, 3, "faces");
            engine.addProvider(collect(got), 0, 4, "util");
            PipelineDefinition d = new PipelineDefinition("privacy", "test", "r", List.of(
                    new NodeDefinition("src", "still", Map.of()),
                    new NodeDefinition("faces", "detect-faces", Map.of()),
                    new NodeDefinition("hide", "blur-faces", Map.of("method", "pixelate", "strength", 24)),
                    new NodeDefinition("out", "collect", Map.of())), List.of(
                    new EdgeDefinition("src", "faces", null), new EdgeDefinition("faces", "hide", null),
                    new EdgeDefinition("hide", "out", null)), QueuePolicy.BLOCK, null);
            assertEquals(List.of(), engine.check(d));
            StreamHandle h = engine.start(d, "still", Map.of());
            await(got, 10);
            h.close();
            assertEquals(0, engine.pool().outstanding(), "every frame returned to the pool");
        }
        for (Got g : got) {
            assertEquals(1, g.faces().items().size(), "one face per frame: " + g.faces());
        }
        // The still is the astronaut at 512x512: its centre pixel is on the suit, far from the face, so unchanged.
        Got first = got.peek();
        assertEquals(StillSource.centre(image), first.centre(), "pixels outside the face are kept");
    }

    /** A test source that emits the same picture at 512x512 RGB24 as fast as the stream takes it. */
    static final class StillSource implements StageProvider {
        private final BufferedImage image;

        StillSource(BufferedImage image) {
            this.image = image;
        }

        static int centre(BufferedImage image) {
            return image.getRGB(256, 256) >> 16 & 0xff;
        }

        @Override
        public StageDescriptor descriptor() {
            return new StageDescriptor("still", "Source/Video/Test", "One picture, again and again.", Set.of(),
                    OutputRule.FIXED, Set.of(PixelFormat.RGB24), null, List.of());
        }

        @Override
        public Stage create() {
            return new PlainStage() {
                @Override
                public Frame process(Frame input) {
                    return Fixtures.frame(context.pool(), PixelFormat.RGB24, 512, 512, image, 0, 0, 512, 512);
                }
            };
        }
    }
}
