package org.framegrid.stage.pose.internal;

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
 * Prints pose's throughput on a 640x360 frame of a person (darknet's person.jpg) with one inference thread, next to a
 * raw {@code runInto} loop of the same models with the same options in the same process, alternating frame by frame.
 * Tracking (MediaPipe's video mode): the stage runs the landmark model on the tracked region, the raw loop the
 * landmark model alone. Detector every frame ({@code track=false}): the raw loop runs detector and landmark model.
 * Both raw loops run on the inputs the stage gives its models. The ratio is the stage's own cost (letterbox, region
 * crop, decoding). Wall time and the thread's CPU time (with one
 * thread ONNX Runtime computes on the calling thread: the per-core figure, robust on a shared machine). Reports, never
 * asserts on time.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ThroughputTest {

    private static final int WARM_UP = 5;

    @ParameterizedTest(name = "{0} track={1}")
    @CsvSource({"pose-landmark-full, true, 60", "pose-landmark-lite, true, 60", "pose-landmark-full, false, 30"})
    void poseOn640x360AgainstRawRunInto(String landmarkModel, boolean track, int frames) throws Exception {
        BufferedImage person = Fixtures.image("person.jpg");
        Fixtures.MemoryModel landmarks = Fixtures.bundled(landmarkModel);
        Fixtures.MemoryModel detector = Fixtures.bundled("pose-detection");
        InferenceBackend backend = Providers.cpuBackend();
        PoseProvider provider = new PoseProvider();
        provider.addModel(landmarks);
        provider.addDetector(detector);
        provider.setBackend(backend);
        try (EmbeddedEngine engine = new EmbeddedEngine(60_000, false)) {
            FramePool pool = engine.pool();
            Stage stage = Fixtures.start(provider, pool, PixelFormat.RGB24,
                    Map.of("model", landmarkModel, "track", track, "threads", 1L));
            // person.jpg (640x424) scaled to the frame's height and centred: a 640x360 frame, the live size.
            Frame frame = Fixtures.frame(pool, PixelFormat.RGB24, 640, 360, person, 48, 0, 543, 360);
            try {
                TrackerThroughput bench = new TrackerThroughput(stage, frame, "pose " + landmarkModel, "pose-detection",
                        "the person is found");
                // The outputs the stage reads: not the landmark model's mask and world landmarks.
                bench.compare(backend, landmarks, List.of("mask", "world-landmarks"), detector, track, WARM_UP, frames,
                        (landmarkInput, detectorInput) -> {
                            Region region = ((PoseTracker) stage).tracked();
                            assertNotNull(region, "the person is found");
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
