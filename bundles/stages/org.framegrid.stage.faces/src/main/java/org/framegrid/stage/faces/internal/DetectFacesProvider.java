package org.framegrid.stage.faces.internal;


import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.framegrid.inference.api.Model;
import org.framegrid.stage.model.ModelStage;
import org.framegrid.stage.model.ModelStageProvider;
import org.osgi.service.component.annotations.Component;

/**
 * {@code detect-faces}: BlazeFace on every frame, results attached as {@code FrameMeta.DETECTIONS} (label
 * {@code face}, box normalised to the frame; BlazeFace's 6 keypoints are decoded but the {@code Detection} record has
 * no place for them, so they are not attached).
 *
 * <p>Both references are dynamic so that models and backends come and go without restarting this provider. A
 * stage instance picks the newest model of its {@code model} name and the best backend when it <em>starts</em> and
 * loads its own copy: a missing model or backend makes {@code start()} fail with a message naming what is missing
 * (the engine reports it). A running instance follows its model name ({@link ModelStage}): a newer version is
 * swapped in at a frame boundary, and while no version is installed the node is bypassed and the stream DEGRADED; if
 * the backend closes the copy under it, frames pass through without detections and are counted.
 */
@Component(name = "org.framegrid.stage.faces.detect", service = StageProvider.class,
        property = ModelStageProvider.MODELS_TARGET + "(" + Model.TASK_PROPERTY + "=face-detection)")
@StageType(type = "detect-faces", classification = "Filter/Analyzer/Video")
public final class DetectFacesProvider extends ModelStageProvider {

    public DetectFacesProvider() {
        super("face-detection", "Finds faces with a BlazeFace model and attaches them as detections.",
                modelProperty("blazeface-front",
                        "Name of the face-detection model (a BlazeFace export: 4 outputs, anchors in its descriptor)."),
                threshold("score-threshold", 0.5, "Smallest score (0..1) a face is reported with."),
                threshold("iou-threshold", 0.3, "Overlap (IoU) above which two boxes are merged by weighted NMS."),
                perFrameLimit("max-faces", 20L, 896, "Most faces reported per frame, best first."),
                threadsProperty(1L, "One suits a 128x128 model best: several streams then share the cores instead "
                        + "of contending for them."));
    }

    @Override
    public Stage create() {
        return new FaceDetector(models());
    }
}
