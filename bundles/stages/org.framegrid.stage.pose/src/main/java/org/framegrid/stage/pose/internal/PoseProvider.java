package org.framegrid.stage.pose.internal;

import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.framegrid.inference.api.Model;
import org.framegrid.stage.model.ModelStageProvider;
import org.framegrid.stage.vision.RegionTrackerProvider;
import org.osgi.service.component.annotations.Component;

/**
 * {@code pose}: body landmarks with MediaPipe's BlazePose, as MediaPipe runs it on video. A pose detector (task
 * {@code pose-detection}) finds the person and two alignment keypoints; they give a rotated square region that the
 * landmark model (task {@code pose-landmarks}) reads; its 33 landmarks are attached as a skeleton
 * ({@code FrameMeta.LINES}, for the {@code overlay} stage to draw) and the person's box ({@code FrameMeta.DETECTIONS},
 * label {@code person}). While the person stays in view the next frame's region comes from this frame's landmarks and
 * the detector does not run: it runs again only when the landmark model reports the person gone.
 */
@Component(name = "org.framegrid.stage.pose", service = StageProvider.class,
        property = {ModelStageProvider.MODELS_TARGET + "(" + Model.TASK_PROPERTY + "=pose-landmarks)",
            RegionTrackerProvider.DETECTORS_TARGET + "(" + Model.TASK_PROPERTY + "=pose-detection)"})
@StageType(type = "pose", classification = "Filter/Analyzer/Video")
public final class PoseProvider extends RegionTrackerProvider {

    public PoseProvider() {
        super("pose-landmarks", "pose-detection",
                "Finds a person's body landmarks (MediaPipe BlazePose: detector, then landmarks tracked from frame "
                        + "to frame) and attaches the skeleton as lines and the person as a detection.",
                modelProperty("pose-landmark-full",
                        "Pose landmark model (task pose-landmarks; outputs 'landmarks', 'presence', 'heatmaps'): "
                                + "pose-landmark-full or the faster pose-landmark-lite."),
                modelProperty("detector", "pose-detection",
                        "Pose detector (task pose-detection; outputs 'boxes' and 'scores', anchors in its descriptor)."),
                minDetectionScore("a person"),
                minPresence("presence", "the person"),
                threshold("min-visibility", 0.5,
                        "Smallest landmark visibility (0..1) for a bone of the skeleton to be attached."),
                track(),
                smooth(),
                threadsProperty(1L, "Each of the two models gets as many; one suits these small models best."));
    }

    @Override
    public Stage create() {
        return new PoseTracker(models(), detectors());
    }
}
