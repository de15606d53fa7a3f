package org.framegrid.stage.facelandmarks.internal;

import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.framegrid.inference.api.Model;
import org.framegrid.stage.model.ModelStageProvider;
import org.framegrid.stage.model.StageModels;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code face-landmarks}: MediaPipe's face mesh as it runs on video. A face detector (task {@code face-detection},
 * BlazeFace short range) finds the face and its eyes; they give a rotated square region (eyes level, 1.5 times the
 * face) that the landmark model (task {@code face-landmarks}) reads; its 468 landmarks are attached as the face's
 * contours ({@code FrameMeta.LINES}: oval, eyes, eyebrows, lips, for the {@code overlay} stage to draw, or to drive an
 * avatar-style overlay) and the face as a detection (label {@code face}). While the face stays in view the next
 * frame's region comes from this frame's landmarks and the detector does not run.
 */
@Component(name = "org.framegrid.stage.facelandmarks", service = StageProvider.class,
        property = ModelStageProvider.MODELS_TARGET + "(" + Model.TASK_PROPERTY + "=face-landmarks)")
@StageType(type = FaceLandmarksProvider.TYPE, classification = FaceLandmarksProvider.CLASSIFICATION)
public final class FaceLandmarksProvider extends ModelStageProvider {

    static final String TYPE = "face-landmarks";
    static final String CLASSIFICATION = "Filter/Analyzer/Video";

    private static final StageDescriptor DESCRIPTOR = describe(TYPE, CLASSIFICATION,
            "Finds a face's 468 landmarks (MediaPipe face mesh: detector, then landmarks tracked from frame to "
                    + "frame) and attaches its contours as lines and the face as a detection.",
            modelProperty("model", "face-landmark",
                    "Face landmark model (task face-landmarks; outputs 'landmarks' (468 x, y, z) and 'presence')."),
            modelProperty("detector", "face-detection-short-range",
                    "Face detector (task face-detection; outputs 'boxes' and 'scores', anchors in its descriptor)."),
            new PropertyDescriptor("min-detection-score", PropertyType.DOUBLE, 0.5, true, 0, 1,
                    "Smallest detector score (0..1) that starts tracking a face."),
            new PropertyDescriptor("min-presence", PropertyType.DOUBLE, 0.5, true, 0, 1,
                    "Smallest landmark-model face-presence score (0..1) that keeps the face; below it the detector "
                            + "runs again on the next frame."),
            new PropertyDescriptor("track", PropertyType.BOOLEAN, true, true,
                    "Take the next frame's region from this frame's landmarks (MediaPipe's video mode); false runs "
                            + "the detector on every frame."),
            threadsProperty(1L, "Each of the two models gets as many; one suits these small models best."));

    /** The face detectors; the landmark models are {@link #models()}. Both follow the one backend bound. */
    final StageModels detectors = models().sibling("face-detection");

    public FaceLandmarksProvider() {
        super(DESCRIPTOR, "face-landmarks");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + Model.TASK_PROPERTY + "=face-detection)")
    public void addDetector(Model model) {
        detectors.addModel(model);
    }

    public void removeDetector(Model model) {
        detectors.removeModel(model);
    }

    @Override
    public Stage create() {
        return new FaceMeshTracker(models(), detectors);
    }
}
