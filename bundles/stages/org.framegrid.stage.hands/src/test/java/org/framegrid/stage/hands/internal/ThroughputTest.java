package org.framegrid.stage.hands.internal;

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
 * Prints hands' throughput on a 640x360 frame of a hand (OpenCV's handSrc.jpg) with one inference thread, next to a
 * raw {@code runInto} loop of the same models with the same options in the same process, alternating frame by frame:
 * tracking (the landmark model on the tracked region; raw: the landmark model) and the palm detector on every frame
 * (raw: detector and landmark model), both on the inputs the stage gives its models. The ratio is the stage's own cost
 * (letterbox, region crop, projection, smoothing). Wall time and the thread's CPU time (the per-core figure). Reports,
 * never asserts on time. {@code ./framegrid test} runs a quarter of the frames; {@code ./framegrid bench inference}
 * sets {@code framegrid.bench} for all of them.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ThroughputTest {

    private static final int WARM_UP = 5;
    private static final boolean BENCH = Boolean.getBoolean("framegrid.bench");

    @ParameterizedTest(name = "{0} {1} track={2}")
    @CsvSource({"hand-landmark-lite, palm-detection-lite, true, 200",
        "hand-landmark-full, palm-detection-full, true, 200", "hand-landmark-lite, palm-detection-lite, false, 100"})
    void handsOn640x360AgainstRawRunInto(String landmarkModel, String detectorModel, boolean track, int frames)
            throws Exception {
        BufferedImage hand = Fixtures.image("handSrc.jpg");
        Fixtures.MemoryModel landmarks = Fixtures.bundled(landmarkModel);
        Fixtures.MemoryModel detector = Fixtures.bundled(detectorModel);
        InferenceBackend backend = Providers.cpuBackend();
        HandsProvider provider = new HandsProvider();
        provider.addModel(landmarks);
        provider.addDetector(detector);
        provider.setBackend(backend);
        try (EmbeddedEngine engine = new EmbeddedEngine(60_000, false)) {
            FramePool pool = engine.pool();
            Stage stage = Fixtures.start(provider, pool, PixelFormat.RGB24, Map.of("model", landmarkModel,
                    "detector", detectorModel, "track", track, "threads", 1L));
            // handSrc.jpg (640x480) scaled to the frame's height and centred: a 640x360 frame, the live size.
            Frame frame = Fixtures.frame(pool, PixelFormat.RGB24, 640, 360, hand, 80, 0, 480, 360);
            try {
                TrackerThroughput bench = new TrackerThroughput(stage, frame, "hands " + landmarkModel, detectorModel,
                        "the hand is found");
                // The outputs the stage reads: not the world landmarks.
                bench.compare(backend, landmarks, List.of("world-landmarks"), detector, track, WARM_UP,
                        BENCH ? frames : frames / 4,
                        (landmarkInput, detectorInput) -> {
                            Region region = ((HandTracker) stage).tracked();
                            assertNotNull(region, "the hand is found");
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
