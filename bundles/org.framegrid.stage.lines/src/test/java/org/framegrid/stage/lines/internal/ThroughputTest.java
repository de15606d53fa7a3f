package org.framegrid.stage.lines.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HashMap;
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
import org.framegrid.inference.api.TensorInfo;
import org.framegrid.inference.onnx.internal.OnnxBackend;
import org.framegrid.pipeline.engine.internal.Engine;
import org.framegrid.stage.model.Letterbox;
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
        OnnxBackend backend = new OnnxBackend();
        LinesStage provider = new LinesStage();
        provider.addModel(model);
        provider.setBackend(backend);
        try (Engine engine = new Engine(60_000, false)) {
            Frame frame = Fixtures.frame(engine.pool(), PixelFormat.RGB24,
                    LinesTest.rectangle(640, 360, 100, 60, 400, 220));
            Stage stage = Fixtures.start(provider, engine.pool(), PixelFormat.RGB24, Map.of());
            LoadedModel raw = backend.load(ByteBuffer.allocateDirect(model.bytes().length).put(model.bytes()).flip(),
                    model.descriptor(), InferenceOptions.DEFAULT.withIntraOpThreads(1));
            try {
                Tensor in = Tensor.allocate(ElementType.FLOAT32, model.descriptor().input().shape(320, 320));
                LineDetector.write(frame, Letterbox.of(640, 360, 320), in.floats(), 320);
                Map<String, Tensor> inputs = Map.of(model.descriptor().input().name(), in);
                Map<String, Tensor> out = new HashMap<>();
                for (TensorInfo info : raw.outputs()) {
                    out.put(info.name(), Tensor.allocate(ElementType.FLOAT32, info.shape()));
                }
                for (int i = 0; i < WARM_UP; i++) {
                    stage.process(frame);
                    raw.runInto(inputs, out);
                }
                // Alternate frame by frame so that both loops see the same machine state.
                long stageNanos = 0;
                long rawNanos = 0;
                int lines = 0;
                for (int i = 0; i < FRAMES; i++) {
                    long t0 = System.nanoTime();
                    stage.process(frame);
                    long t1 = System.nanoTime();
                    raw.runInto(inputs, out);
                    rawNanos += System.nanoTime() - t1;
                    stageNanos += t1 - t0;
                    lines += frame.meta(FrameMeta.LINES).items().size();
                }
                assertTrue(lines >= 4 * FRAMES, "the rectangle's sides are found in every timed frame: " + lines);
                double stageFps = FRAMES * 1e9 / stageNanos;
                double rawFps = FRAMES * 1e9 / rawNanos;
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
