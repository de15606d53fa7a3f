package org.framegrid.testing.stages;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
import org.framegrid.stage.vision.RegionTracker;
import org.framegrid.stage.vision.RegionTrackerProvider;
import org.framegrid.testing.Fixtures;
import org.framegrid.testing.Providers;
import org.framegrid.testing.SideBySide;
import org.framegrid.testing.TrackerThroughput;

/**
 * The throughput benchmark of a tracking landmark stage ({@link RegionTrackerProvider}: pose, face mesh, hands) as
 * the three stage modules run it: the provider with one landmark model and one detector on the CPU backend, one
 * inference thread, an RGB24 frame; timed by {@link TrackerThroughput} beside raw loops whose inputs are what the stage
 * gives its models (the crop of the region it tracks, the letterboxed frame).
 *
 * @param what what the printed line starts with, before the landmark model's name (the stage type)
 * @param found the message when the object is not found ("the person is found")
 * @param warmUp frames of each side not timed
 */
public record RegionTrackerBench(String what, String found, int warmUp) {

    /**
     * Runs {@code provider}'s stage on the frame {@code frame} draws, {@code frames} frames of each side.
     *
     * @param skipped the landmark model's outputs the stage does not read
     * @param track whether the stage tracks (else the detector runs on every frame, on both sides)
     */
    public SideBySide compare(RegionTrackerProvider provider, Fixtures.MemoryModel landmarks, List<String> skipped,
            Fixtures.MemoryModel detector, boolean track, int frames, Function<FramePool, Frame> frame)
            throws Exception {
        InferenceBackend backend = Providers.cpuBackend();
        provider.addModel(landmarks);
        provider.addDetector(detector);
        provider.setBackend(backend);
        String landmarkModel = landmarks.descriptor().name();
        String detectorModel = detector.descriptor().name();
        try (EmbeddedEngine engine = new EmbeddedEngine(60_000, false)) {
            Stage stage = Fixtures.start(provider, engine.pool(), PixelFormat.RGB24, Map.of("model", landmarkModel,
                    "detector", detectorModel, "track", track, "threads", 1L));
            Frame drawn = frame.apply(engine.pool());
            try {
                TrackerThroughput bench = new TrackerThroughput(stage, drawn, what + " " + landmarkModel,
                        detectorModel, found);
                return bench.compare(backend, landmarks, skipped, detector, track, warmUp, frames,
                        (landmarkInput, detectorInput) -> {
                            Region region = ((RegionTracker) stage).tracked();
                            assertNotNull(region, found);
                            ImageInput crop = landmarks.descriptor().input();
                            new RegionCrop(crop, crop.size().width()).write(drawn, region, landmarkInput.floats());
                            new ImageInputWriter(detector.descriptor().input()).letterbox(drawn, detectorInput);
                        });
            } finally {
                stage.stop();
                drawn.release();
            }
        }
    }
}
