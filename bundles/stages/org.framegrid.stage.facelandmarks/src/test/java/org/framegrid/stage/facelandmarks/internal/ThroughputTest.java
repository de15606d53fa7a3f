package org.framegrid.stage.facelandmarks.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.FramePool;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.Stage;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.stage.model.ImageInputWriter;
import org.framegrid.stage.vision.Region;
import org.framegrid.stage.vision.RegionCrop;
import org.framegrid.testing.Fixtures;
import org.framegrid.testing.Providers;
import org.framegrid.testing.RawModel;
import org.framegrid.testing.SideBySide;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Prints face-landmarks' throughput on a 640x360 frame of a face (skimage's astronaut at twice its size, her face in
 * the middle: a person at a webcam; the short-range detector is for faces within about 2 m)
 * with one inference thread, next to a raw {@code runInto} loop of the same models with the same options in the same
 * process, alternating frame by frame: tracking (the landmark model on the tracked region; raw: the landmark model)
 * and the detector on every frame (raw: detector and landmark model), both on the inputs the stage gives its models.
 * The ratio is the stage's own cost (letterbox,
 * region crop, projection). Wall time and the thread's CPU time (the per-core figure). Reports, never asserts on time.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ThroughputTest {

    private static final int WARM_UP = 5;

    @ParameterizedTest(name = "track={0}")
    @CsvSource({"true, 200", "false, 100"})
    void faceLandmarksOn640x360AgainstRawRunInto(boolean track, int frames) throws Exception {
        BufferedImage astronaut = Fixtures.image("astronaut.png");
        String landmarkModel = "face-landmark";
        Fixtures.MemoryModel landmarks = Fixtures.bundled(landmarkModel);
        Fixtures.MemoryModel detector = Fixtures.bundled("face-detection-short-range");
        InferenceBackend backend = Providers.cpuBackend();
        FaceLandmarksProvider provider = new FaceLandmarksProvider();
        provider.addModel(landmarks);
        provider.addDetector(detector);
        provider.setBackend(backend);
        try (EmbeddedEngine engine = new EmbeddedEngine(60_000, false)) {
            FramePool pool = engine.pool();
            Stage stage = Fixtures.start(provider, pool, PixelFormat.RGB24,
                    Map.of("model", landmarkModel, "track", track, "threads", 1L));
            Frame frame = Fixtures.frame(pool, PixelFormat.RGB24, 640, 360, astronaut, -130, -80, 1024, 1024);
            RawModel rawLandmarks = new RawModel(backend, landmarks, 1, List.of());
            RawModel rawDetector = new RawModel(backend, detector, 1, List.of());
            try {
                // The raw loops get the inputs the stage gives its models (a network's cost depends on its input's
                // values): the letterboxed frame, and the crop of the region the stage tracks.
                stage.process(frame);
                Region region = ((FaceMeshTracker) stage).tracked();
                assertNotNull(region, "the face is found");
                ImageInput crop = landmarks.descriptor().input();
                new RegionCrop(crop, crop.size().width()).write(frame, region, rawLandmarks.input().floats());
                new ImageInputWriter(detector.descriptor().input()).letterbox(frame, rawDetector.input());
                SideBySide timed = SideBySide.time(WARM_UP, frames, () -> {
                    stage.process(frame);
                    assertNotNull(frame.meta(FrameMeta.LINES), "the face is found");
                }, () -> {
                    if (!track) {
                        rawDetector.run();
                    }
                    rawLandmarks.run();
                });
                double stageFps = timed.firstFps();
                double rawFps = timed.secondFps();
                double stageCpu = timed.firstCpuFps();
                double rawCpu = timed.secondCpuFps();
                System.out.printf("face-landmarks %s%s, 640x360 RGB24 frame, 1 thread (%d cores, load %.1f): stage %.1f fps "
                        + "(%.2f ms/frame), raw runInto %.1f fps (%.2f ms), ratio %.3f; per core (thread CPU time): "
                        + "stage %.1f fps (%.2f ms), raw %.1f fps (%.2f ms), ratio %.3f%n", landmarkModel,
                        track ? " tracking" : " + face-detection-short-range every frame",
                        Runtime.getRuntime().availableProcessors(),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), stageFps, 1e3 / stageFps,
                        rawFps, 1e3 / rawFps, stageFps / rawFps, stageCpu, 1e3 / stageCpu, rawCpu, 1e3 / rawCpu,
                        stageCpu / rawCpu);
            } finally {
                rawLandmarks.close();
                rawDetector.close();
                stage.stop();
                frame.release();
            }
        }
    }
}
