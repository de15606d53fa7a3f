package org.framegrid.stage.facelandmarks.internal;

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
import org.framegrid.stage.model.ModelStage;
import org.framegrid.stage.model.Signature;
import org.framegrid.stage.model.StageModels;
import org.framegrid.stage.vision.Region;
import org.framegrid.stage.vision.RegionCrop;
import org.framegrid.stage.vision.RegionDetector;

/**
 * One {@code face-landmarks} instance, MediaPipe Face Mesh's video path: when no face is tracked the detector runs on
 * the letterboxed frame; its merged best detection gives the region (centred on the box, 1.5 times its longer side,
 * turned so the eyes are level: MediaPipe's {@code face_detection_front_detection_to_roi}); the landmark model reads
 * it; its presence score keeps or drops the face; the landmarks are projected back and attached; the box around them,
 * turned by the eye corners 33 and 263, gives the next frame's region
 * ({@code face_landmark_landmarks_to_roi}), so the detector does not run while the face stays.
 */
final class FaceMeshTracker extends ModelStage {

    static final int LANDMARKS = 468;
    /** The region is 1.5 times the face, square. */
    static final double REGION_SCALE = 1.5;
    private static final String DEFAULT_ANCHORS = "16:2,8:6";
    /** BlazeFace's keypoints: eyes, nose tip, mouth, ears. */
    private static final int DETECTOR_KEYPOINTS = 6;
    private static final String MESH = "a face mesh landmark model";
    private static final int RIGHT_EYE_CORNER = 33;
    private static final int LEFT_EYE_CORNER = 263;

    private final StageModels detectors;
    private volatile float minScore;
    private volatile float minPresence;
    private volatile boolean track;

    private RegionDetector detector;

    private StageModels.Loaded landmarker;
    private RegionCrop crop;
    private int landmarkSize;
    private Tensor landmarkInput;
    private Map<String, Tensor> landmarkInputs;
    private Map<String, Tensor> landmarkOutputs;
    private FloatBuffer landmarks;
    private FloatBuffer presence;

    private Region tracked;
    /** The last frame's landmarks: x, y in frame pixels. */
    private final float[] points = new float[2 * LANDMARKS];
    private float lastPresence;

    FaceMeshTracker(StageModels landmarkModels, StageModels detectors) {
        super(landmarkModels);
        this.detectors = detectors;
    }

    @Override
    public void update(StageProperties properties) {
        minScore = (float) properties.getDouble("min-detection-score");
        minPresence = (float) properties.getDouble("min-presence");
        track = properties.getBoolean("track");
    }

    @Override
    protected void load() throws Exception {
        load(detectors, "detector", candidate -> detector = new RegionDetector(type(), candidate, DEFAULT_ANCHORS,
                DETECTOR_KEYPOINTS, "a BlazeFace detector"));
        landmarker = load(MODEL, this::fit);
    }

    @Override
    protected void fit(StageModels.Loaded candidate) {
        landmarkSize = Signature.squareInput(type(), candidate);
        ModelDescriptor descriptor = candidate.model().descriptor();
        Map<String, Tensor> out = new HashMap<>();
        landmarks = RegionDetector.allocate(Signature.fixedOutput(type(), candidate, "landmarks", 3L * LANDMARKS, MESH), out);
        presence = RegionDetector.allocate(Signature.fixedOutput(type(), candidate, "presence", 1, MESH), out);
        landmarkOutputs = Map.copyOf(out);
        landmarkInput = Tensor.allocate(ElementType.FLOAT32, descriptor.input().shape(landmarkSize, landmarkSize));
        landmarkInputs = Map.of(descriptor.input().name(), landmarkInput);
        crop = new RegionCrop(descriptor.input(), landmarkSize);
    }

    @Override
    protected Frame transform(Frame frame) throws Exception {
        Region region = tracked != null && track ? tracked : detect(frame);
        boolean found = region != null && landmarks(frame, region);
        tracked = found ? fromLandmarks() : null;
        Frame out = writable(frame);
        if (found) {
            out.meta(FrameMeta.LINES, new Lines(FaceContours.lines(points, frame.width(), frame.height())));
            Detection face = FaceContours.box(points, LANDMARKS, frame.width(), frame.height(), lastPresence);
            out.meta(FrameMeta.DETECTIONS, new Detections(face == null ? List.of() : List.of(face)));
        } else {
            out.meta(FrameMeta.DETECTIONS, new Detections(List.of()));
        }
        return out;
    }

    /** @return the region of the detector's best face, or {@code null} when it finds none */
    private Region detect(Frame frame) throws Exception {
        if (!detector.detect(frame, minScore, this::runInto)) {
            return null;
        }
        float x0 = detector.frameX(0);
        float y0 = detector.frameY(1);
        float x1 = detector.frameX(2);
        float y1 = detector.frameY(3);
        double rotation = Region.rotation(detector.frameX(4), detector.frameY(5), detector.frameX(6),
                detector.frameY(7), 0);
        return new Region((x0 + x1) / 2, (y0 + y1) / 2, Math.max(x1 - x0, y1 - y0) * REGION_SCALE, rotation);
    }

    /** Runs the landmark model on {@code region}; @return whether a face is there (points then hold it) */
    private boolean landmarks(Frame frame, Region region) throws Exception {
        crop.write(frame, region, landmarkInput.floats());
        runInto(landmarker, landmarkInputs, landmarkOutputs);
        lastPresence = (float) (1 / (1 + Math.exp(-Math.clamp(presence.get(0), -100f, 100f))));
        if (lastPresence < minPresence) {
            return false;
        }
        for (int i = 0; i < LANDMARKS; i++) {
            float u = landmarks.get(3 * i) / landmarkSize;
            float v = landmarks.get(3 * i + 1) / landmarkSize;
            points[2 * i] = (float) region.frameX(u, v);
            points[2 * i + 1] = (float) region.frameY(u, v);
        }
        return true;
    }

    /**
     * @return the next frame's region: the landmarks' box (in the frame's axes, as MediaPipe's
     *     {@code LandmarksToDetectionCalculator}), turned by the eye corners, 1.5 times its longer side
     */
    private Region fromLandmarks() {
        float x0 = Float.MAX_VALUE;
        float y0 = Float.MAX_VALUE;
        float x1 = -Float.MAX_VALUE;
        float y1 = -Float.MAX_VALUE;
        for (int i = 0; i < LANDMARKS; i++) {
            x0 = Math.min(x0, points[2 * i]);
            y0 = Math.min(y0, points[2 * i + 1]);
            x1 = Math.max(x1, points[2 * i]);
            y1 = Math.max(y1, points[2 * i + 1]);
        }
        double rotation = Region.rotation(points[2 * RIGHT_EYE_CORNER], points[2 * RIGHT_EYE_CORNER + 1],
                points[2 * LEFT_EYE_CORNER], points[2 * LEFT_EYE_CORNER + 1], 0);
        return new Region((x0 + x1) / 2, (y0 + y1) / 2, Math.max(x1 - x0, y1 - y0) * REGION_SCALE, rotation);
    }

    /** The face is forgotten when frames pass through: the next frame starts with the detector. */
    @Override
    protected void bypassing() {
        tracked = null;
    }

    /** @return the region the landmark model reads next, {@code null} when the detector must find the face */
    Region tracked() {
        return tracked;
    }

    /** @return how often the detector ran (tests: tracking skips it) */
    long detectorRuns() {
        return detector.runs();
    }

    /** @return a copy of the last frame's landmarks: x, y (frame pixels) per landmark */
    float[] points() {
        return points.clone();
    }
}
