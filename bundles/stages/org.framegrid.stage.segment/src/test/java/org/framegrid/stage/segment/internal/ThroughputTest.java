package org.framegrid.stage.segment.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.FramePool;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.Stage;
import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.InferenceOptions;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorInfo;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.testing.Providers;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.testing.Fixtures;
import org.framegrid.testing.SideBySide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/**
 * Prints segment's throughput with ISNet at 320x320 (the size-flexible export) on the 512x512 astronaut next to a raw
 * {@code runInto} loop on the same model, session options and input in the same process, alternating frame by frame,
 * so the stage's own cost (sampling, matte, mask; with BLUR the composite too) shows as the ratio. Reports, never asserts on time.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ThroughputTest {

    private static final int WARM_UP = 3;
    private static final int FRAMES = 12;

    @ParameterizedTest(name = "background={0}")
    @ValueSource(strings = {"NONE", "BLUR"})
    void segmentAt320AgainstRawRunInto(String background) throws Exception {
        BufferedImage astronaut = Fixtures.image("astronaut.png");
        Fixtures.MemoryModel model = Fixtures.bundled("isnet-small-dyn");
        InferenceBackend backend = Providers.cpuBackend();
        SegmentProvider provider = new SegmentProvider();
        provider.addModel(model);
        provider.setBackend(backend);
        try (EmbeddedEngine engine = new EmbeddedEngine(60_000, false)) {
            FramePool pool = engine.pool();
            Stage stage = Fixtures.start(provider, pool, PixelFormat.RGB24,
                    Map.of("model", "isnet-small-dyn", "size", 320L, "background", background, "threads", 0L));
            Frame frame = Fixtures.frame(pool, PixelFormat.RGB24, astronaut);
            LoadedModel raw = backend.load(ByteBuffer.allocateDirect(model.bytes().length).put(model.bytes()).flip(),
                    model.descriptor(), InferenceOptions.DEFAULT.withIntraOpThreads(0));
            try {
                ImageInput spec = model.descriptor().input();
                Map<String, Tensor> in = Map.of(spec.name(), Tensor.allocate(ElementType.FLOAT32, spec.shape(320, 320)));
                Map<String, Tensor> out = new HashMap<>();
                TensorInfo alpha = raw.outputs().get(0);
                out.put(alpha.name(), Tensor.allocate(ElementType.FLOAT32, 1, 1, 320, 320));
                SideBySide timed = SideBySide.time(WARM_UP, FRAMES, () -> {
                    stage.process(frame);
                    assertNotNull(frame.meta(FrameMeta.MASK));
                }, () -> raw.runInto(in, out));
                double stageFps = timed.firstFps();
                double rawFps = timed.secondFps();
                System.out.printf("segment isnet-small-dyn 320x320, 512x512 RGB24 frame, background %s (%d cores): "
                        + "stage %.1f fps (%.1f ms/frame), raw runInto %.1f fps (%.1f ms), ratio %.3f%n",
                        background, Runtime.getRuntime().availableProcessors(), stageFps, 1e3 / stageFps, rawFps, 1e3 / rawFps,
                        stageFps / rawFps);
            } finally {
                raw.close();
                stage.stop();
                frame.release();
            }
        }
    }
}
