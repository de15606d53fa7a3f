package org.framegrid.stage.pose.internal;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.framegrid.api.frame.Detection;
import org.framegrid.api.frame.Detections;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.Lines;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorInfo;
import org.framegrid.stage.model.ModelStage;
import org.framegrid.stage.model.Signature;
import org.framegrid.stage.model.StageModels;
import org.framegrid.stage.vision.Region;
import org.framegrid.stage.vision.RegionCrop;
import org.framegrid.stage.vision.RegionDetector;

/**
 * One {@code pose} instance, MediaPipe Pose's video path: when no person is tracked the detector runs on the
 * letterboxed frame and its merged best detection's alignment keypoints (mid-hip, scale point) give the region; the
 * landmark model reads the region ({@link RegionCrop}); its presence score keeps or drops the person; the landmarks
 * are refined from the heatmaps (MediaPipe's {@code RefineLandmarksFromHeatmapCalculator}: kernel 7, confidence 0.5),
 * projected back to the frame and attached; the two auxiliary landmarks give the next frame's region, so the detector
 * does not run while the person stays. Tensors are allocated at start; per frame only the results are.
 */
final class PoseTracker extends ModelStage {

    /** BlazePose's region: 1.25 times twice the mid-hip to scale-point distance, both from detector and landmarks. */
    static final double REGION_SCALE = 1.25;
    static final int LANDMARKS = 33;
    private static final int VALUES = 5;
    /** Per detector anchor: the box, then 4 keypoints. */
    private static final int DETECTOR_KEYPOINTS = 4;
    private static final String DEFAULT_ANCHORS = "28:2,14:2,7:6";
    private static final String BLAZEPOSE = "a BlazePose landmark model";

    private final StageModels detectors;
    private volatile float minScore;
    private volatile float minPresence;
    private volatile float minVisibility;
    private volatile boolean track;

    private RegionDetector detector;

    // The landmark model.
    private StageModels.Loaded landmarker;
    private RegionCrop crop;
    private int landmarkSize;
    private Tensor landmarkInput;
    private Map<String, Tensor> landmarkInputs;
    private Map<String, Tensor> landmarkOutputs;
    private FloatBuffer landmarks;
    private FloatBuffer presence;
    private FloatBuffer heatmaps;
    private int heatmapSide;
    private int heatmapChannels;

    /** The region the landmark model reads next; {@code null} when the detector must find the person. */
    private Region tracked;
    /** The last frame's landmarks: x, y in frame pixels and visibility (0..1) per landmark. */
    private final float[] points = new float[3 * (LANDMARKS + 2)];
    /** {@link #refine}'s result: u, v normalised to the region. */
    private final float[] refined = new float[2];

    PoseTracker(StageModels landmarkModels, StageModels detectors) {
        super(landmarkModels);
        this.detectors = detectors;
    }

    @Override
    public void update(StageProperties properties) {
        minScore = (float) properties.getDouble("min-detection-score");
        minPresence = (float) properties.getDouble("min-presence");
        minVisibility = (float) properties.getDouble("min-visibility");
        track = properties.getBoolean("track");
    }

    @Override
    protected void load() throws Exception {
        load(detectors, "detector", candidate -> detector = new RegionDetector(type(), candidate, DEFAULT_ANCHORS,
                DETECTOR_KEYPOINTS, "a BlazePose detector"));
        landmarker = load(MODEL, this::fit);
    }

    @Override
    protected void fit(StageModels.Loaded candidate) {
        landmarkSize = Signature.squareInput(type(), candidate);
        ModelDescriptor descriptor = candidate.model().descriptor();
        Map<String, Tensor> out = new HashMap<>();
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
        landmarkOutputs = Map.copyOf(out);
        landmarkInput = Tensor.allocate(ElementType.FLOAT32, descriptor.input().shape(landmarkSize, landmarkSize));
        landmarkInputs = Map.of(descriptor.input().name(), landmarkInput);
        crop = new RegionCrop(descriptor.input(), landmarkSize);
    }

    @Override
    protected Frame transform(Frame frame) throws Exception {
        Region region = tracked != null && track ? tracked : detect(frame);
        boolean found = region != null && landmarks(frame, region);
        tracked = found ? Region.aligned(points[3 * LANDMARKS], points[3 * LANDMARKS + 1],
                points[3 * LANDMARKS + 3], points[3 * LANDMARKS + 4], REGION_SCALE) : null;
        Frame out = writable(frame);
        if (found) {
            out.meta(FrameMeta.LINES, new Lines(Skeleton.lines(points, frame.width(), frame.height(),
                    minVisibility)));
            Detection person = Skeleton.box(points, frame.width(), frame.height(), minVisibility,
                    presence.get(0));
            out.meta(FrameMeta.DETECTIONS, new Detections(person == null ? List.of() : List.of(person)));
        } else {
            out.meta(FrameMeta.DETECTIONS, new Detections(List.of()));
        }
        return out;
    }

    /** @return the region of the detector's best person, or {@code null} when it finds none */
    private Region detect(Frame frame) throws Exception {
        if (!detector.detect(frame, minScore, this::runInto)) {
            return null;
        }
        return Region.aligned(detector.frameX(4), detector.frameY(5), detector.frameX(6), detector.frameY(7),
                REGION_SCALE);
    }

    /** Runs the landmark model on {@code region}; @return whether a person is there (points then hold them) */
    private boolean landmarks(Frame frame, Region region) throws Exception {
        crop.write(frame, region, landmarkInput.floats());
        runInto(landmarker, landmarkInputs, landmarkOutputs);
        if (presence.get(0) < minPresence) {
            return false;
        }
        for (int i = 0; i < LANDMARKS + 2; i++) {
            float u = landmarks.get(i * VALUES) / landmarkSize;
            float v = landmarks.get(i * VALUES + 1) / landmarkSize;
            if (i < LANDMARKS && refine(u, v, i)) {
                u = refined[0];
                v = refined[1];
            }
            points[3 * i] = (float) region.frameX(u, v);
            points[3 * i + 1] = (float) region.frameY(u, v);
            points[3 * i + 2] = sigmoid(landmarks.get(i * VALUES + 3));
        }
        return true;
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

    private static float sigmoid(float logit) {
        return (float) (1 / (1 + Math.exp(-Math.clamp(logit, -100f, 100f))));
    }

    /** The landmarks are forgotten when frames pass through: the next frame starts with the detector. */
    @Override
    protected void bypassing() {
        tracked = null;
    }

    /** @return the region the landmark model reads next, {@code null} when the detector must find the person */
    Region tracked() {
        return tracked;
    }

    /** @return how often the detector ran (tests: tracking skips it) */
    long detectorRuns() {
        return detector.runs();
    }

    /** @return a copy of the last frame's landmarks: x, y (frame pixels) and visibility per landmark */
    float[] points() {
        return points.clone();
    }
}
