package org.framegrid.stage.facelandmarks.internal;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

import org.framegrid.api.frame.Detection;
import org.framegrid.api.frame.Line;
import org.framegrid.inference.api.Tensor;
import org.framegrid.stage.model.Signature;
import org.framegrid.stage.model.StageModels;
import org.framegrid.stage.vision.LandmarkBox;
import org.framegrid.stage.vision.Region;
import org.framegrid.stage.vision.RegionDetector;
import org.framegrid.stage.vision.RegionTracker;

/**
 * One {@code face-landmarks} instance, MediaPipe Face Mesh's video path ({@link RegionTracker}): the detector's merged
 * best detection gives the region (centred on the box, 1.5 times its longer side, turned so the eyes are level:
 * MediaPipe's {@code face_detection_front_detection_to_roi}); the landmark model's presence score keeps or drops the
 * face; the box around its landmarks, turned by the eye corners 33 and 263, gives the next frame's region
 * ({@code face_landmark_landmarks_to_roi}).
 */
final class FaceMeshTracker extends RegionTracker {

    static final int LANDMARKS = 468;
    /** The region is 1.5 times the face, square. */
    static final double REGION_SCALE = 1.5;
    private static final String DEFAULT_ANCHORS = "16:2,8:6";
    /** BlazeFace's keypoints: eyes, nose tip, mouth, ears. */
    private static final int DETECTOR_KEYPOINTS = 6;
    private static final String MESH = "a face mesh landmark model";
    private static final int RIGHT_EYE_CORNER = 33;
    private static final int LEFT_EYE_CORNER = 263;

    private FloatBuffer landmarks;
    private FloatBuffer presence;

    FaceMeshTracker(StageModels landmarkModels, StageModels detectors) {
        // The last frame's landmarks (points): x, y in frame pixels per landmark.
        super(landmarkModels, detectors, DEFAULT_ANCHORS, DETECTOR_KEYPOINTS, "a BlazeFace detector",
                2, 2 * LANDMARKS);
    }

    @Override
    protected void allocateOutputs(StageModels.Loaded candidate, Map<String, Tensor> out) {
        landmarks = RegionDetector.allocate(Signature.fixedOutput(type(), candidate, "landmarks", 3L * LANDMARKS, MESH), out);
        presence = RegionDetector.allocate(Signature.fixedOutput(type(), candidate, "presence", 1, MESH), out);
    }

    @Override
    protected Region fromDetection(RegionDetector detector) {
        double rotation = Region.rotation(detector.frameX(4), detector.frameY(5), detector.frameX(6),
                detector.frameY(7), 0);
        return new Region(detector.boxCentreX(), detector.boxCentreY(),
                Math.max(detector.boxWidth(), detector.boxHeight()) * REGION_SCALE, rotation);
    }

    /** The face mesh's presence output is a logit. */
    @Override
    protected float presence() {
        return sigmoid(presence.get(0));
    }

    @Override
    protected void read(Region region, int size) {
        project(landmarks, 3, LANDMARKS, region, size, points);
    }

    /**
     * @return the next frame's region: the landmarks' box (in the frame's axes, as MediaPipe's
     *     {@code LandmarksToDetectionCalculator}), turned by the eye corners, 1.5 times its longer side
     */
    @Override
    protected Region nextRegion() {
        float[] b = LandmarkBox.bounds(points, 2, LANDMARKS, 0);
        double rotation = Region.rotation(points[2 * RIGHT_EYE_CORNER], points[2 * RIGHT_EYE_CORNER + 1],
                points[2 * LEFT_EYE_CORNER], points[2 * LEFT_EYE_CORNER + 1], 0);
        return new Region((b[0] + b[2]) / 2, (b[1] + b[3]) / 2, Math.max(b[2] - b[0], b[3] - b[1]) * REGION_SCALE,
                rotation);
    }

    @Override
    protected List<Line> lines(int width, int height) {
        return FaceContours.lines(points, width, height);
    }

    @Override
    protected Detection box(int width, int height) {
        return FaceContours.box(points, LANDMARKS, width, height, lastPresence());
    }

    @Override
    protected String label() {
        return FaceContours.LABEL;
    }
}
