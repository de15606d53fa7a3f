package org.framegrid.stage.facelandmarks.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.framegrid.api.frame.Frame;
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
import org.framegrid.testing.TrackerThroughput;
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
            try {
                TrackerThroughput bench = new TrackerThroughput(stage, frame, "face-landmarks " + landmarkModel,
                        "face-detection-short-range", "the face is found");
                bench.compare(backend, landmarks, List.of(), detector, track, WARM_UP, frames,
                        (landmarkInput, detectorInput) -> {
                            Region region = ((FaceMeshTracker) stage).tracked();
                            assertNotNull(region, "the face is found");
                            ImageInput crop = landmarks.descriptor().input();
                            new RegionCrop(crop, crop.size().width()).write(frame, region, landmarkInput.floats());
                            new ImageInputWriter(detector.descriptor().input()).letterbox(frame, detectorInput);
                        });
            } finally {
                stage.stop();
                frame.release();
            }
        }
    }
}
