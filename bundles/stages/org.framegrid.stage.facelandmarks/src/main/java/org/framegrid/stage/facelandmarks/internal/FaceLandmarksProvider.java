package org.framegrid.stage.facelandmarks.internal;

import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.framegrid.inference.api.Model;
import org.framegrid.stage.model.ModelStageProvider;
import org.framegrid.stage.vision.RegionTrackerProvider;
import org.osgi.service.component.annotations.Component;

/**
 * {@code face-landmarks}: MediaPipe's face mesh as it runs on video. A face detector (task {@code face-detection},
 * BlazeFace short range) finds the face and its eyes; they give a rotated square region (eyes level, 1.5 times the
 * face) that the landmark model (task {@code face-landmarks}) reads; its 468 landmarks are attached as the face's
 * contours ({@code FrameMeta.LINES}: oval, eyes, eyebrows, lips, for the {@code overlay} stage to draw, or to drive an
 * avatar-style overlay) and the face as a detection (label {@code face}). While the face stays in view the next
 * frame's region comes from this frame's landmarks and the detector does not run.
 */
@Component(name = "org.framegrid.stage.facelandmarks", service = StageProvider.class,
        property = {ModelStageProvider.MODELS_TARGET + "(" + Model.TASK_PROPERTY + "=face-landmarks)",
            RegionTrackerProvider.DETECTORS_TARGET + "(" + Model.TASK_PROPERTY + "=face-detection)"})
@StageType(type = "face-landmarks", classification = "Filter/Analyzer/Video")
public final class FaceLandmarksProvider extends RegionTrackerProvider {

    public FaceLandmarksProvider() {
        super("face-landmarks", "face-detection",
                "Finds a face's 468 landmarks (MediaPipe face mesh: detector, then landmarks tracked from frame to "
                        + "frame) and attaches its contours as lines and the face as a detection.",
                modelProperty("face-landmark",
                        "Face landmark model (task face-landmarks; outputs 'landmarks' (468 x, y, z) and 'presence')."),
                modelProperty("detector", "face-detection-short-range",
                        "Face detector (task face-detection; outputs 'boxes' and 'scores', anchors in its descriptor)."),
                minDetectionScore("a face"),
                minPresence("face-presence", "the face"),
                track(),
                smooth(),
                threadsProperty(1L, "Each of the two models gets as many; one suits these small models best."));
    }

    @Override
    public Stage create() {
        return new FaceMeshTracker(models(), detectors());
    }
}
