package org.framegrid.stage.lines.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Prints the lines stage's throughput on 640x360 RGB24 next to a raw {@code runInto} loop on the same model and input
 * in the same process, so the stage's own cost (letterbox, decode) shows as the ratio. Never asserts on time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThroughputTest {

    private static final int WARM_UP = 20;
    private static final int FRAMES = 100;

    @Test
    void linesAgainstRawRunInto() throws Exception {
        var model = Fixtures.model("mlsd-tiny-320");
        InferenceBackend backend = Providers.cpuBackend();
        LinesProvider provider = StageRig.on(backend, new LinesProvider(), p -> p.addModel(model));
        try (EmbeddedEngine engine = new EmbeddedEngine(60_000, false)) {
            Frame frame = Fixtures.frame(engine.pool(), PixelFormat.RGB24,
                    LinesTest.rectangle(640, 360, 100, 60, 400, 220));
            Stage stage = Fixtures.start(provider, engine.pool(), PixelFormat.RGB24, Map.of());
            LoadedModel raw = backend.load(ByteBuffer.allocateDirect(model.bytes().length).put(model.bytes()).flip(),
                    model.descriptor(), InferenceOptions.DEFAULT.withIntraOpThreads(1));
            try {
                Tensor in = Tensor.allocate(ElementType.FLOAT32, model.descriptor().input().shape(320, 320));
                // The raw loop runs on the very input the stage makes of the frame.
                new ImageInputWriter(model.descriptor().input(), ImageInputWriter.Sampling.NEAREST,
                        ImageInputWriter.Padding.EDGE).letterbox(frame, in);
                Map<String, Tensor> inputs = Map.of(model.descriptor().input().name(), in);
                Map<String, Tensor> out = org.framegrid.testing.Fixtures.outputs(raw);
                int[] lines = {0};
                SideBySide timed = SideBySide.time(WARM_UP, FRAMES, () -> {
                    stage.process(frame);
                    lines[0] += frame.meta(FrameMeta.LINES).items().size();
                }, () -> raw.runInto(inputs, out));
                assertTrue(lines[0] >= 4 * (WARM_UP + FRAMES), "the rectangle's sides are found in every frame: "
                        + lines[0]);
                double stageFps = timed.firstFps();
                double rawFps = timed.secondFps();
                System.out.printf("lines 640x360 RGB24 -> mlsd-tiny-320, threads=1: stage %.0f fps (%.2f ms), raw "
                        + "runInto %.0f fps (%.2f ms), ratio %.3f%n", stageFps, 1e3 / stageFps, rawFps,
                        1e3 / rawFps, stageFps / rawFps);
            } finally {
                raw.close();
                stage.stop();
                frame.release();
            }
        }
    }
}
