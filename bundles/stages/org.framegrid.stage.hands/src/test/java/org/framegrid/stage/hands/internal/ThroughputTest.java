package org.framegrid.stage.hands.internal;

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

    private static final RegionTrackerBench BENCH = new RegionTrackerBench("hands", "the hand is found", 5);
    private static final boolean IS_BENCH = Boolean.getBoolean("framegrid.bench");

    @ParameterizedTest(name = "{0} {1} track={2}")
    @CsvSource({"hand-landmark-lite, palm-detection-lite, true, 200",
        "hand-landmark-full, palm-detection-full, true, 200", "hand-landmark-lite, palm-detection-lite, false, 100"})
    void handsOn640x360AgainstRawRunInto(String landmarkModel, String detectorModel, boolean track, int frames)
            throws Exception {
        BufferedImage hand = Fixtures.image("handSrc.jpg");
        // The outputs the stage reads: not the world landmarks. handSrc.jpg (640x480) scaled to the frame's height and
        // centred: a 640x360 frame, the live size.
        BENCH.compare(new HandsProvider(), Fixtures.bundled(landmarkModel), List.of("world-landmarks"),
                Fixtures.bundled(detectorModel), track, IS_BENCH ? frames : frames / 4,
                pool -> Fixtures.frame(pool, PixelFormat.RGB24, 640, 360, hand, 80, 0, 480, 360));
    }
}
