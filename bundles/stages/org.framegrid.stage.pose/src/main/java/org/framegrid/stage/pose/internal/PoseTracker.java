package org.framegrid.stage.pose.internal;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

import org.framegrid.api.frame.Detection;
import org.framegrid.api.frame.Line;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorInfo;
import org.framegrid.stage.model.Signature;
import org.framegrid.stage.model.StageModels;
import org.framegrid.stage.vision.Region;
import org.framegrid.stage.vision.RegionDetector;
import org.framegrid.stage.vision.RegionTracker;

/**
 * One {@code pose} instance, MediaPipe Pose's video path ({@link RegionTracker}): the detector's merged best
 * detection's alignment keypoints (mid-hip, scale point) give the region; the landmark model's presence score keeps or
 * drops the person; the landmarks are refined from the heatmaps (MediaPipe's
 * {@code RefineLandmarksFromHeatmapCalculator}: kernel 7, confidence 0.5); the two auxiliary landmarks give the next
 * frame's region. Tensors are allocated at start; per frame only the results are.
 */
final class PoseTracker extends RegionTracker {

    /** BlazePose's region: 1.25 times twice the mid-hip to scale-point distance, both from detector and landmarks. */
    static final double REGION_SCALE = 1.25;
    static final int LANDMARKS = 33;
    private static final int VALUES = 5;
    /** Per detector anchor: the box, then 4 keypoints. */
    private static final int DETECTOR_KEYPOINTS = 4;
    private static final String DEFAULT_ANCHORS = "28:2,14:2,7:6";
    private static final String BLAZEPOSE = "a BlazePose landmark model";

    private volatile float minVisibility;

    private FloatBuffer landmarks;
    private FloatBuffer presence;
    private FloatBuffer heatmaps;
    private int heatmapSide;
    private int heatmapChannels;

    /** {@link #refine}'s result: u, v normalised to the region. */
    private final float[] refined = new float[2];

    PoseTracker(StageModels landmarkModels, StageModels detectors) {
        // The last frame's landmarks (points): x, y in frame pixels and visibility (0..1) per landmark.
        super(landmarkModels, detectors, DEFAULT_ANCHORS, DETECTOR_KEYPOINTS, "a BlazePose detector",
                3, 3 * (LANDMARKS + 2));
    }

    @Override
    public void update(StageProperties properties) {
        super.update(properties);
        minVisibility = (float) properties.getDouble("min-visibility");
    }

    @Override
    protected void allocateOutputs(StageModels.Loaded candidate, Map<String, Tensor> out) {
        landmarks = RegionDetector.allocate(Signature.fixedOutput(type(), candidate, "landmarks", (LANDMARKS + 6) * VALUES,
                BLAZEPOSE), out);
        presence = RegionDetector.allocate(Signature.fixedOutput(type(), candidate, "presence", 1, BLAZEPOSE), out);
        TensorInfo heat = Signature.output(type(), candidate, "heatmaps", 4);
        long[] shape = heat.shape();
        heatmapSide = (int) shape[1];
        heatmapChannels = (int) shape[3];
        if (!heat.isFixed() || shape[2] != heatmapSide || heatmapChannels != LANDMARKS + 6) {
            throw new IllegalArgumentException(Signature.what(type(), candidate) + " heatmaps " + heat
                    + " are not [1,S,S,39]; not " + BLAZEPOSE);
        }
        heatmaps = RegionDetector.allocate(heat, out);
    }

    @Override
    protected Region fromDetection(RegionDetector detector) {
        return Region.aligned(detector.frameX(4), detector.frameY(5), detector.frameX(6), detector.frameY(7),
                REGION_SCALE);
    }

    /** BlazePose's presence output is compared and reported as the model gives it. */
    @Override
    protected float presence() {
        return presence.get(0);
    }

    @Override
    protected void read(Region region, int size) {
        for (int i = 0; i < LANDMARKS + 2; i++) {
            float u = landmarks.get(i * VALUES) / size;
            float v = landmarks.get(i * VALUES + 1) / size;
            if (i < LANDMARKS && refine(u, v, i)) {
                u = refined[0];
                v = refined[1];
            }
            points[3 * i] = (float) region.frameX(u, v);
            points[3 * i + 1] = (float) region.frameY(u, v);
            points[3 * i + 2] = sigmoid(landmarks.get(i * VALUES + 3));
        }
    }

    /** @return the region the two auxiliary landmarks (mid-hip, scale point) give */
    @Override
    protected Region nextRegion() {
        return Region.aligned(points[3 * LANDMARKS], points[3 * LANDMARKS + 1], points[3 * LANDMARKS + 3],
                points[3 * LANDMARKS + 4], REGION_SCALE);
    }

    @Override
    protected List<Line> lines(int width, int height) {
        return Skeleton.lines(points, width, height, minVisibility);
    }

    @Override
    protected Detection box(int width, int height) {
        return Skeleton.box(points, width, height, minVisibility, presence.get(0));
    }

    /**
     * Refines a landmark to the confidence-weighted mean of the 7x7 heatmap cells around it, into {@link #refined}.
     *
     * @return false (nothing refined) when it lies outside the map or no cell there reaches confidence 0.5
     */
    private boolean refine(float u, float v, int channel) {
        int side = heatmapSide;
        int col = (int) (u * side);
        int row = (int) (v * side);
        if (col < 0 || col >= side || row < 0 || row >= side) {
            return false;
        }
        float sum = 0;
        float weightedCol = 0;
        float weightedRow = 0;
        float max = 0;
        for (int r = Math.max(0, row - 3); r < Math.min(side, row + 4); r++) {
            for (int c = Math.max(0, col - 3); c < Math.min(side, col + 4); c++) {
                float confidence = sigmoid(heatmaps.get((r * side + c) * heatmapChannels + channel));
                sum += confidence;
                max = Math.max(max, confidence);
                weightedCol += c * confidence;
                weightedRow += r * confidence;
            }
        }
        if (max < 0.5f || sum <= 0) {
            return false;
        }
        refined[0] = weightedCol / side / sum;
        refined[1] = weightedRow / side / sum;
        return true;
    }

    @Override
    protected String label() {
        return Skeleton.LABEL;
    }
}
