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
import org.framegrid.stage.model.ImageInputWriter;
import org.framegrid.testing.Fixtures;
import org.framegrid.testing.SideBySide;
import org.framegrid.testing.stages.StageRig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Timeout;

/**
 * Prints segment's throughput next to a raw {@code runInto} loop on the same model, session options and input in the
 * same process, alternating frame by frame, so the stage's own cost (sampling, matte, mask; with BLUR the composite
 * too) shows as the ratio: ISNet at 320x320 (the size-flexible export) on the 512x512 astronaut, and MediaPipe's
 * selfie segmentation (256x256) on a 640x360 frame, the live size, with one inference thread (fps on one core).
 * Reports, never asserts on time.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ThroughputTest {

    private static final int WARM_UP = 3;

    @ParameterizedTest(name = "{0} background={2}")
    @CsvSource({"isnet-small-dyn, 320, NONE, 0, 512, 512, 12", "isnet-small-dyn, 320, BLUR, 0, 512, 512, 12",
        "selfie-segmentation, 256, NONE, 1, 640, 360, 200", "selfie-segmentation, 256, BLUR, 1, 640, 360, 200"})
    void segmentAgainstRawRunInto(String name, int size, String background, long threads, int width, int height,
            int frames) throws Exception {
        BufferedImage astronaut = Fixtures.image("astronaut.png");
        Fixtures.MemoryModel model = Fixtures.bundled(name);
        InferenceBackend backend = Providers.cpuBackend();
        SegmentProvider provider = StageRig.on(backend, new SegmentProvider(), p -> p.addModel(model));
        try (EmbeddedEngine engine = new EmbeddedEngine(60_000, false)) {
            FramePool pool = engine.pool();
            Stage stage = Fixtures.start(provider, pool, PixelFormat.RGB24,
                    Map.of("model", name, "size", (long) size, "background", background, "threads", threads));
            // The astronaut, scaled to the frame's height and centred (a 640x360 frame: a person in a call).
            int side = Math.min(width, height);
            Frame frame = Fixtures.frame(pool, PixelFormat.RGB24, width, height, astronaut, (width - side) / 2,
                    (height - side) / 2, side, side);
            LoadedModel raw = backend.load(ByteBuffer.allocateDirect(model.bytes().length).put(model.bytes()).flip(),
                    model.descriptor(), InferenceOptions.DEFAULT.withIntraOpThreads((int) threads));
            try {
                ImageInput spec = model.descriptor().input();
                Map<String, Tensor> in = Map.of(spec.name(), Tensor.allocate(ElementType.FLOAT32, spec.shape(size, size)));
                // The raw loop runs on the input the stage gives the model (a network's cost depends on its values).
                new ImageInputWriter(spec).stretch(frame, in.get(spec.name()));
                Map<String, Tensor> out = new HashMap<>();
                String alphaName = model.descriptor().output("alpha").name();
                TensorInfo alpha = raw.outputs().stream().filter(o -> o.name().equals(alphaName)).findFirst()
                        .orElseThrow();
                out.put(alpha.name(), Tensor.allocate(ElementType.FLOAT32, alpha.isFixed() ? alpha.shape()
                        : new long[] {1, 1, size, size}));
                SideBySide timed = SideBySide.time(WARM_UP, frames, () -> {
                    stage.process(frame);
                    assertNotNull(frame.meta(FrameMeta.MASK));
                }, () -> raw.runInto(in, out));
                double stageFps = timed.firstFps();
                double rawFps = timed.secondFps();
                // With one thread ONNX Runtime computes on the calling thread: its CPU time is the per-core figure.
                String perCore = threads != 1 ? "" : String.format("; per core (thread CPU time): stage %.1f fps "
                        + "(%.2f ms), raw %.1f fps (%.2f ms), ratio %.3f", timed.firstCpuFps(),
                        1e3 / timed.firstCpuFps(), timed.secondCpuFps(), 1e3 / timed.secondCpuFps(),
                        timed.firstCpuFps() / timed.secondCpuFps());
                System.out.printf("segment %s %dx%d, %dx%d RGB24 frame, background %s, %s (%d cores, load %.1f): "
                        + "stage %.1f fps (%.2f ms/frame), raw runInto %.1f fps (%.2f ms), ratio %.3f%s%n",
                        name, size, size, width, height, background, threads == 0 ? "threads auto" : threads
                        + " thread", Runtime.getRuntime().availableProcessors(),
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        stageFps, 1e3 / stageFps, rawFps, 1e3 / rawFps, stageFps / rawFps, perCore);
            } finally {
                raw.close();
                stage.stop();
                frame.release();
            }
        }
    }
}
