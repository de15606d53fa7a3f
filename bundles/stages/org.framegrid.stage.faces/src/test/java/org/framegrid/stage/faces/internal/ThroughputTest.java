package org.framegrid.stage.faces.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.FramePool;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.Stage;
import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.InferenceOptions;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.testing.Providers;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.stage.model.ImageInputWriter;
import org.framegrid.testing.SideBySide;
import org.framegrid.testing.stages.StageRig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/**
 * Prints detect-faces' throughput on 640x360 RGB24 frames next to a raw {@code runInto} loop on the same model with
 * the same session options in the same process, so the stage's own cost (letterbox, decode, NMS, metadata) shows as
 * the ratio. Reports, never asserts on time: CI machines vary too much. In the test suite it runs a short loop that
 * checks every frame; {@code ./framegrid bench inference} sets {@code framegrid.bench} for the full, timed one (on a
 * busy machine the full loop took over a minute, the suite's old timeout).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ThroughputTest {

    private static final boolean BENCH = Boolean.getBoolean("framegrid.bench");
    private static final int WARM_UP = BENCH ? 300 : 30;
    private static final int FRAMES = BENCH ? 1000 : 100;

    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {1, 0})
    void detectFacesAgainstRawRunInto(int threads) throws Exception {
        BufferedImage image = Fixtures.astronaut();
        var model = Fixtures.model("blazeface-front");
        InferenceBackend backend = Providers.cpuBackend();
        DetectFacesProvider provider = StageRig.on(backend, new DetectFacesProvider(), p -> p.addModel(model));
        try (EmbeddedEngine engine = new EmbeddedEngine(60_000, false)) {
            FramePool pool = engine.pool();
            Frame frame = Fixtures.frame(pool, PixelFormat.RGB24, 640, 360, image, 0, -100, 640, 640);
            Stage stage = Fixtures.start(provider, pool, PixelFormat.RGB24, Map.of("threads", (long) threads));
            LoadedModel raw = backend.load(ByteBuffer.allocateDirect(model.bytes().length).put(model.bytes()).flip(),
                    model.descriptor(), InferenceOptions.DEFAULT.withIntraOpThreads(threads));
            try {
                Map<String, Tensor> in = Map.of(model.descriptor().input().name(),
                        Tensor.allocate(ElementType.FLOAT32, model.descriptor().input().shape(128, 128)));
                Map<String, Tensor> out = org.framegrid.testing.Fixtures.outputs(raw);
                // The raw loop runs on the very input the stage makes of the frame.
                ImageInputWriter writer = new ImageInputWriter(model.descriptor().input());
                Tensor input = in.values().iterator().next();
                writer.letterbox(frame, input);
                int[] faces = {0};
                SideBySide timed = SideBySide.time(WARM_UP, FRAMES, () -> {
                    stage.process(frame);
                    faces[0] += frame.meta(FrameMeta.DETECTIONS).items().size();
                }, () -> raw.runInto(in, out));
                assertEquals(WARM_UP + FRAMES, faces[0], "the face is found in every frame");
                // Where the stage's own time goes: the letterbox into the input, and decode + NMS of the outputs.
                FaceDecoder decoder = new FaceDecoder(Anchors.parse("16:2,8:6"), 128);
                FloatBuffer[] scores = {out.get("Identity:0").floats(), out.get("Identity_1:0").floats()};
                FloatBuffer[] boxes = {out.get("Identity_2:0").floats(), out.get("Identity_3:0").floats()};
                long t2 = System.nanoTime();
                for (int i = 0; i < FRAMES; i++) {
                    writer.letterbox(frame, input);
                }
                long t3 = System.nanoTime();
                for (int i = 0; i < FRAMES; i++) {
                    decoder.decode(scores, boxes, 0.5f, 0.3f, 20);
                }
                long t4 = System.nanoTime();
                double stageFps = timed.firstFps();
                double rawFps = timed.secondFps();
                System.out.printf("detect-faces 640x360 RGB24, threads=%d (%d cores): stage %.0f fps (%.2f ms/frame), "
                        + "raw runInto %.0f fps (%.2f ms), ratio %.3f; letterbox %.1f us, decode+NMS %.1f us%n",
                        threads, Runtime.getRuntime().availableProcessors(), stageFps, 1e3 / stageFps, rawFps,
                        1e3 / rawFps, stageFps / rawFps, (t3 - t2) / 1e3 / FRAMES, (t4 - t3) / 1e3 / FRAMES);
            } finally {
                raw.close();
                stage.stop();
                frame.release();
            }
        }
    }
}
