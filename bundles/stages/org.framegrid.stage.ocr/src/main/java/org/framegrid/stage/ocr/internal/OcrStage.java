package org.framegrid.stage.ocr.internal;

import java.util.List;
import java.util.Set;

import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.inference.api.Model;
import org.framegrid.stage.model.StageModels;
import org.framegrid.stage.vision.RgbImage;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code ocr}: reads text lines. A DB text detector (PP-OCR det: image in, text probability map out) finds the lines,
 * a CTC recogniser (PP-OCR rec: a 48-pixel-high line in, per-step class probabilities out, decoded with the
 * dictionary file its descriptor names) reads each. Every line is attached twice, in the same order: as a
 * {@code FrameMeta.DETECTIONS} entry (box, label = the text, score = the recogniser's confidence; added to detections
 * already there) and as a {@code FrameMeta.TEXTS} entry at the box's top-left corner.
 *
 * <p>Boxes are axis-aligned (no rotated text) and there is no angle classifier step: upside-down text is not read.
 */
@Component(name = "org.framegrid.stage.ocr")
@StageType(type = OcrStage.TYPE, classification = OcrStage.CLASSIFICATION)
public final class OcrStage implements StageProvider {

    static final String TYPE = "ocr";
    static final String CLASSIFICATION = "Filter/Analyzer/Video";

    private static final StageDescriptor DESCRIPTOR = new StageDescriptor(TYPE, CLASSIFICATION,
            "Finds and reads text lines (PP-OCR detection + recognition) and attaches them with their boxes.",
            RgbImage.FORMATS, OutputRule.SAME_AS_INPUT, Set.of(), null, List.of(
            new PropertyDescriptor("detector", PropertyType.STRING, "ppocr-det", false,
                    "Text detection model (task text-detection; output meaning 'probability', a DB map)."),
            new PropertyDescriptor("recognizer", PropertyType.STRING, "ppocr-rec", false,
                    "Text recognition model (task text-recognition; output meaning 'ctc-probabilities'; its "
                            + "descriptor property 'labels' names the dictionary file)."),
            new PropertyDescriptor("size", PropertyType.INTEGER, 960L, false, 32, 4096,
                    "Longer side of the detector input (rounded to its multiple of 32)."),
            new PropertyDescriptor("threshold", PropertyType.DOUBLE, 0.3, true, 0, 1,
                    "Text probability above which a pixel belongs to a text region."),
            new PropertyDescriptor("box-threshold", PropertyType.DOUBLE, 0.6, true, 0, 1,
                    "Smallest mean probability of a region kept as a line."),
            new PropertyDescriptor("unclip-ratio", PropertyType.DOUBLE, 1.5, true, 0, 10,
                    "How far a region is grown (DB shrinks text regions in training): by area * ratio / perimeter."),
            new PropertyDescriptor("min-score", PropertyType.DOUBLE, 0.5, true, 0, 1,
                    "Smallest recognition confidence of a line reported."),
            new PropertyDescriptor("max-lines", PropertyType.INTEGER, 50L, true, 1, 1000,
                    "Most lines read per frame, top to bottom."),
            new PropertyDescriptor("threads", PropertyType.INTEGER, 0L, false, 0, 64,
                    "Inference threads per model; 0 lets the backend choose.")));

    final StageModels detectors = new StageModels(TYPE, "text-detection");
    final StageModels recognizers = new StageModels(TYPE, "text-recognition");

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + Model.TASK_PROPERTY + "=text-detection)")
    void addDetector(Model model) {
        detectors.addModel(model);
    }

    void removeDetector(Model model) {
        detectors.removeModel(model);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + Model.TASK_PROPERTY + "=text-recognition)")
    void addRecognizer(Model model) {
        recognizers.addModel(model);
    }

    void removeRecognizer(Model model) {
        recognizers.removeModel(model);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setBackend(InferenceBackend backend) {
        detectors.bindBackend(backend);
        recognizers.bindBackend(backend);
    }

    void unsetBackend(InferenceBackend backend) {
        detectors.unbindBackend(backend);
        recognizers.unbindBackend(backend);
    }

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Stage create() {
        return new OcrReader(this);
    }
}
