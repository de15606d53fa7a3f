package org.framegrid.stage.hands.internal;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

import org.framegrid.api.frame.Detection;
import org.framegrid.api.frame.Line;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.inference.api.Tensor;
import org.framegrid.stage.model.Signature;
import org.framegrid.stage.model.StageModels;
import org.framegrid.stage.vision.Region;
import org.framegrid.stage.vision.RegionDetector;
import org.framegrid.stage.vision.RegionTracker;

/**
 * One {@code hands} instance, MediaPipe Hands' video path ({@link RegionTracker}): the palm detector's merged best
 * detection gives the region (MediaPipe's {@code palm_detection_detection_to_roi}: the palm's box turned so that the
 * wrist to middle-finger-root vector points up, shifted half its height towards the fingers, 2.6 times its longer
 * side); the landmark model's presence keeps or drops the hand; the landmarks of the palm and finger roots give the
 * next frame's region ({@code hand_landmark_landmarks_to_roi}: {@code HandLandmarksToRectCalculator}, then twice the size,
 * shifted a tenth towards the fingers).
 */
final class HandTracker extends RegionTracker {

    static final int LANDMARKS = 21;
    /** Per detector anchor: the box, then 7 keypoints (wrist, finger roots, thumb). */
    private static final int DETECTOR_KEYPOINTS = 7;
    private static final String DEFAULT_ANCHORS = "24:2,12:6";
    private static final String HAND = "a MediaPipe hand landmark model";
    /** The merged detection's values: keypoint 0 (the wrist) and 2 (the middle finger's root), x then y. */
    private static final int WRIST_X = 4;
    private static final int MIDDLE_ROOT_X = 8;
    /** The landmarks {@code HandLandmarksToRectCalculator} reads: the palm, the thumb's base and the finger roots. */
    private static final int[] PALM = {0, 1, 2, 3, 5, 6, 9, 10, 13, 14, 17, 18};
    private static final int WRIST = 0;
    private static final int INDEX_ROOT = 5;
    private static final int MIDDLE_ROOT = 9;
    private static final int RING_ROOT = 13;

    private FloatBuffer landmarks;
    private FloatBuffer presence;
    private FloatBuffer handedness;
    private volatile boolean mirrored;

    HandTracker(StageModels landmarkModels, StageModels detectors) {
        // The last frame's landmarks (points): x, y in frame pixels per landmark.
        super(landmarkModels, detectors, DEFAULT_ANCHORS, DETECTOR_KEYPOINTS, "a MediaPipe palm detector",
                2, 2 * LANDMARKS);
    }

    @Override
    public void update(StageProperties properties) {
        super.update(properties);
        mirrored = properties.getBoolean("mirrored");
    }

    @Override
    protected void allocateOutputs(StageModels.Loaded candidate, Map<String, Tensor> out) {
        landmarks = RegionDetector.allocate(Signature.fixedOutput(type(), candidate, "landmarks", 3L * LANDMARKS, HAND),
                out);
        presence = RegionDetector.allocate(Signature.fixedOutput(type(), candidate, "presence", 1, HAND), out);
        handedness = RegionDetector.allocate(Signature.fixedOutput(type(), candidate, "handedness", 1, HAND), out);
    }

    @Override
    protected Region fromDetection(RegionDetector detector) {
        double rotation = Region.rotation(detector.frameX(WRIST_X), detector.frameY(WRIST_X + 1),
                detector.frameX(MIDDLE_ROOT_X), detector.frameY(MIDDLE_ROOT_X + 1), Math.PI / 2);
        return transformed(detector.boxCentreX(), detector.boxCentreY(), detector.boxWidth(), detector.boxHeight(),
                rotation, -0.5, 2.6);
    }

    /** The hand landmark model's presence is a probability already (its graph ends in a sigmoid). */
    @Override
    protected float presence() {
        return presence.get(0);
    }

    @Override
    protected void read(Region region, int size) {
        project(landmarks, 3, LANDMARKS, region, size, points);
    }

    /**
     * @return the next frame's region: the palm's landmarks' box in the hand's own axes (wrist to the mean of the
     *     middle finger's root and the index and ring roots' midpoint, straight up), shifted a tenth of its height
     *     towards the fingers, twice its longer side
     */
    @Override
    protected Region nextRegion() {
        float tx = ((points[2 * INDEX_ROOT] + points[2 * RING_ROOT]) / 2 + points[2 * MIDDLE_ROOT]) / 2;
        float ty = ((points[2 * INDEX_ROOT + 1] + points[2 * RING_ROOT + 1]) / 2 + points[2 * MIDDLE_ROOT + 1]) / 2;
        double rotation = Region.rotation(points[2 * WRIST], points[2 * WRIST + 1], tx, ty, Math.PI / 2);
        float ax0 = Float.MAX_VALUE;
        float ay0 = Float.MAX_VALUE;
        float ax1 = -Float.MAX_VALUE;
        float ay1 = -Float.MAX_VALUE;
        for (int i : PALM) {
            ax0 = Math.min(ax0, points[2 * i]);
            ax1 = Math.max(ax1, points[2 * i]);
            ay0 = Math.min(ay0, points[2 * i + 1]);
            ay1 = Math.max(ay1, points[2 * i + 1]);
        }
        double ax = (ax0 + ax1) / 2.0;
        double ay = (ay0 + ay1) / 2.0;
        double cos = Math.cos(rotation);
        double sin = Math.sin(rotation);
        double px0 = Double.MAX_VALUE;
        double py0 = Double.MAX_VALUE;
        double px1 = -Double.MAX_VALUE;
        double py1 = -Double.MAX_VALUE;
        for (int i : PALM) {
            // Into the hand's axes (turned back by the rotation), around the axis-aligned centre.
            double ox = points[2 * i] - ax;
            double oy = points[2 * i + 1] - ay;
            double px = ox * cos + oy * sin;
            double py = -ox * sin + oy * cos;
            px0 = Math.min(px0, px);
            px1 = Math.max(px1, px);
            py0 = Math.min(py0, py);
            py1 = Math.max(py1, py);
        }
        double pcx = (px0 + px1) / 2;
        double pcy = (py0 + py1) / 2;
        return transformed(pcx * cos - pcy * sin + ax, pcx * sin + pcy * cos + ay, px1 - px0, py1 - py0, rotation,
                -0.1, 2.0);
    }

    /**
     * MediaPipe's {@code RectTransformationCalculator} in frame pixels, square on the longer side.
     *
     * @param shiftY how far to move the centre along the region's own y axis, in heights (negative: up, the fingers)
     * @param scale  how much larger the square is than the rectangle's longer side
     */
    static Region transformed(double cx, double cy, double width, double height, double rotation, double shiftY,
            double scale) {
        double x = cx - height * shiftY * Math.sin(rotation);
        double y = cy + height * shiftY * Math.cos(rotation);
        return new Region(x, y, Math.max(width, height) * scale, rotation);
    }

    @Override
    protected List<Line> lines(int width, int height) {
        return HandSkeleton.lines(points, width, height);
    }

    @Override
    protected Detection box(int width, int height) {
        return HandSkeleton.box(points, width, height, lastPresence(), right());
    }

    @Override
    protected String label() {
        return HandSkeleton.LABEL;
    }

    /**
     * The model's handedness output is MediaPipe's score for "Right" on a mirrored (selfie) image: high for a hand that
     * looks like a left one. So on a plain camera image a high score is a left hand.
     *
     * @return whether the last hand is a right hand
     */
    boolean right() {
        return (handedness.get(0) >= 0.5f) == mirrored;
    }
}
