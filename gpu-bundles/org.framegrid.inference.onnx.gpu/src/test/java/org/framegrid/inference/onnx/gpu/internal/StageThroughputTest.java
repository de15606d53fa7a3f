package org.framegrid.inference.onnx.gpu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
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
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.stage.model.ImageInputWriter;
import org.framegrid.stage.model.ModelStageProvider;
import org.framegrid.testing.Fixtures.MemoryModel;
import org.framegrid.testing.Providers;
import org.framegrid.testing.SideBySide;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stage on the GPU: detect-faces (letterbox, BlazeFace, decode, NMS, metadata) on 640x360 RGB24 frames of the
 * astronaut through this backend, next to a raw {@code runInto} loop on the same backend and model, alternating frame
 * by frame, as {@code ./framegrid bench inference} does on the CPU backend. On a GPU the model's share of a frame
 * shrinks, so the stage's own host work shows more in the ratio than it does on the CPU. Reports, never asserts on
 * time. Skipped with the probe's reason on machines without a device.
 */
@Tag("gpu")
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class StageThroughputTest {

    private static final int WARM_UP = 300;
    private static final int FRAMES = 2000;

    @Test
    void detectFacesOnTheGpuAgainstRawRunInto() throws Exception {
        if (!Fixtures.device().present()) {
            // The benchmark's console line: ./framegrid bench shows stdout, not Surefire's skip reasons.
            System.out.printf("%s detect-faces: skipped, no CUDA device (%s)%n", GpuOnnxBackend.NAME,
                    Fixtures.device().detail());
        }
        Fixtures.assumeDevice();
        BufferedImage astronaut = org.framegrid.testing.Fixtures.image("astronaut.png");
        MemoryModel model = Fixtures.model("blazeface-front");
        GpuOnnxBackend backend = new GpuOnnxBackend(Fixtures.config(0));
        ModelStageProvider provider = (ModelStageProvider) Providers.stage("detect-faces");
        provider.addModel(model);
        provider.setBackend(backend);
        try (EmbeddedEngine engine = new EmbeddedEngine(60_000, false);
                LoadedModel raw = backend.load(Fixtures.direct(model.bytes()), model.descriptor(),
                        InferenceOptions.DEFAULT)) {
            // The astronaut's 512x512 picture scaled to 640x640 and moved up, so that her face is in the frame.
            Frame frame = org.framegrid.testing.Fixtures.frame(engine.pool(), PixelFormat.RGB24, 640, 360,
                    astronaut, 0, -100, 640, 640);
            Stage stage = org.framegrid.testing.Fixtures.start(provider, engine.pool(),
                    PixelFormat.RGB24, Map.of());
            try {
                var input = model.descriptor().input();
                Map<String, Tensor> in = Map.of(input.name(), Tensor.allocate(ElementType.FLOAT32,
                        input.shape(128, 128)));
                Map<String, Tensor> out = org.framegrid.testing.Fixtures.outputs(raw);
                // The raw loop runs on the very input the stage makes of the frame.
                new ImageInputWriter(input).letterbox(frame, in.values().iterator().next());
                int[] faces = {0};
                SideBySide timed = SideBySide.time(WARM_UP, FRAMES, () -> {
                    stage.process(frame);
                    faces[0] += frame.meta(FrameMeta.DETECTIONS).items().size();
                }, () -> raw.runInto(in, out));
                assertEquals(WARM_UP + FRAMES, faces[0], "the face is found in every frame");
                double stageFps = timed.firstFps();
                double rawFps = timed.secondFps();
                System.out.printf("%s detect-faces 640x360 RGB24 (CUDA EP): stage %.0f fps (%.2f ms/frame), raw "
                        + "runInto %.0f fps (%.2f ms), ratio %.3f%n", GpuOnnxBackend.NAME, stageFps, 1e3 / stageFps,
                        rawFps, 1e3 / rawFps, stageFps / rawFps);
            } finally {
                stage.stop();
                frame.release();
            }
        } finally {
            backend.deactivate();
        }
    }
}
