package org.framegrid.stage.facelandmarks.internal;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.framegrid.api.frame.PixelFormat;
import org.framegrid.testing.Fixtures;
import org.framegrid.testing.stages.RegionTrackerBench;
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

    private static final RegionTrackerBench BENCH = new RegionTrackerBench("face-landmarks", "the face is found", 5);

    @ParameterizedTest(name = "track={0}")
    @CsvSource({"true, 200", "false, 100"})
    void faceLandmarksOn640x360AgainstRawRunInto(boolean track, int frames) throws Exception {
        BufferedImage astronaut = Fixtures.image("astronaut.png");
        BENCH.compare(new FaceLandmarksProvider(), Fixtures.bundled("face-landmark"), List.of(),
                Fixtures.bundled("face-detection-short-range"), track, frames,
                pool -> Fixtures.frame(pool, PixelFormat.RGB24, 640, 360, astronaut, -130, -80, 1024, 1024));
    }
}
