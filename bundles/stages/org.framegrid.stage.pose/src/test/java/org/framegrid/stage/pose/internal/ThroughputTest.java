package org.framegrid.stage.pose.internal;

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

    private static final RegionTrackerBench BENCH = new RegionTrackerBench("pose", "the person is found", 5);

    @ParameterizedTest(name = "{0} track={1}")
    @CsvSource({"pose-landmark-full, true, 60", "pose-landmark-lite, true, 60", "pose-landmark-full, false, 30"})
    void poseOn640x360AgainstRawRunInto(String landmarkModel, boolean track, int frames) throws Exception {
        BufferedImage person = Fixtures.image("person.jpg");
        // The outputs the stage reads: not the landmark model's mask and world landmarks. person.jpg (640x424) scaled
        // to the frame's height and centred: a 640x360 frame, the live size.
        BENCH.compare(new PoseProvider(), Fixtures.bundled(landmarkModel), List.of("mask", "world-landmarks"),
                Fixtures.bundled("pose-detection"), track, frames,
                pool -> Fixtures.frame(pool, PixelFormat.RGB24, 640, 360, person, 48, 0, 543, 360));
    }
}
