package org.framegrid.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.stage.Stage;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.inference.api.Tensor;

/**
 * The benchmark of a tracking landmark stage (a detector finds the object, a landmark model reads its region: pose,
 * face mesh), next to raw {@code runInto} loops of the same models with one thread, alternating frame by frame
 * ({@link SideBySide}). Tracking: the raw loop runs the landmark model alone; detector every frame ({@code track}
 * false): detector and landmark model. The raw loops run on the inputs the stage gives its models (a network's cost
 * depends on its input's values), which the caller writes ({@link Inputs}) after the stage's first frame. Prints wall
 * time and the thread's CPU time (the per-core figure); reports, never asserts on time.
 *
 * @param stage the started stage, one inference thread
 * @param frame what every call processes; the stage must attach {@code FrameMeta.LINES} to it (the object is found)
 * @param what what the printed line starts with: the stage type and its landmark model
 * @param detectorName the detector model's name, printed
 * @param found the message when a frame has no lines ("the person is found")
 * @since 1.2
 */
public record TrackerThroughput(Stage stage, Frame frame, String what, String detectorName, String found) {

    /** Writes the raw loops' inputs: the crop of the region the stage tracks, and the letterboxed frame. */
    @FunctionalInterface
    public interface Inputs {
        void write(Tensor landmarkInput, Tensor detectorInput) throws Exception;
    }

    /**
     * Processes one frame, has {@code inputs} written, then times {@code frames} frames of each side after
     * {@code warmUp} and prints the rates. The raw models are closed; the stage and frame are the caller's.
     *
     * @param skipped the landmark model's outputs the stage does not read
     */
    public SideBySide compare(InferenceBackend backend, Fixtures.MemoryModel landmarks, List<String> skipped,
            Fixtures.MemoryModel detector, boolean track, int warmUp, int frames, Inputs inputs) throws Exception {
        try (RawModel rawLandmarks = new RawModel(backend, landmarks, 1, skipped);
                RawModel rawDetector = new RawModel(backend, detector, 1, List.of())) {
            stage.process(frame);
            inputs.write(rawLandmarks.input(), rawDetector.input());
            SideBySide timed = SideBySide.time(warmUp, frames, () -> {
                stage.process(frame);
                assertNotNull(frame.meta(FrameMeta.LINES), found);
            }, () -> {
                if (!track) {
                    rawDetector.run();
                }
                rawLandmarks.run();
            });
            print(timed, track);
            return timed;
        }
    }

    private void print(SideBySide timed, boolean track) {
        double stageFps = timed.firstFps();
        double rawFps = timed.secondFps();
        double stageCpu = timed.firstCpuFps();
        double rawCpu = timed.secondCpuFps();
        System.out.printf("%s%s, %dx%d %s frame, 1 thread (%d cores, load %.1f): stage %.1f fps "
                + "(%.2f ms/frame), raw runInto %.1f fps (%.2f ms), ratio %.3f; per core (thread CPU time): "
                + "stage %.1f fps (%.2f ms), raw %.1f fps (%.2f ms), ratio %.3f%n", what,
                track ? " tracking" : " + " + detectorName + " every frame", frame.width(), frame.height(),
                frame.format(), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), stageFps, 1e3 / stageFps,
                rawFps, 1e3 / rawFps, stageFps / rawFps, stageCpu, 1e3 / stageCpu, rawCpu, 1e3 / rawCpu,
                stageCpu / rawCpu);
    }
}
