package org.framegrid.stage.ocr.internal;

import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.Stage;
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
 * {@code ocr}: reads text lines. A DB text detector (PP-OCR det: image in, text probability map out) finds the lines,
 * a CTC recogniser (PP-OCR rec: a 48-pixel-high line in, per-step class probabilities out, decoded with the
 * dictionary file its descriptor names) reads each. Every line is attached twice, in the same order: as a
 * {@code FrameMeta.DETECTIONS} entry (box, label = the text, score = the recogniser's confidence; added to detections
 * already there) and as a {@code FrameMeta.TEXTS} entry at the box's top-left corner.
 *
 * <p>Boxes are axis-aligned (no rotated text) and there is no angle classifier step: upside-down text is not read.
 */
@Component(name = "org.framegrid.stage.ocr", service = StageProvider.class,
        property = ModelStageProvider.MODELS_TARGET + "(" + Model.TASK_PROPERTY + "=text-detection)")
@StageType(type = OcrProvider.TYPE, classification = "Filter/Analyzer/Video")
public final class OcrProvider extends ModelStageProvider {

    static final String TYPE = "ocr";

    /** The text recognisers; the text detectors are {@link #models()}. Both follow the one backend bound. */
    final StageModels recognizers = models().sibling("text-recognition");

    public OcrProvider() {
        super("text-detection",
                "Finds and reads text lines (PP-OCR detection + recognition) and attaches them with their boxes.",
                modelProperty("detector", "ppocr-det",
                        "Text detection model (task text-detection; output meaning 'probability', a DB map)."),
                modelProperty("recognizer", "ppocr-rec",
                        "Text recognition model (task text-recognition; output meaning 'ctc-probabilities'; its "
                                + "descriptor property 'labels' names the dictionary file)."),
                inputSize(960L, 32, 4096, "Longer side of the detector input (rounded to its multiple of 32)."),
                threshold("threshold", 0.3, "Text probability above which a pixel belongs to a text region."),
                threshold("box-threshold", 0.6, "Smallest mean probability of a region kept as a line."),
                new PropertyDescriptor("unclip-ratio", PropertyType.DOUBLE, 1.5, true, 0, 10,
                        "How far a region is grown (DB shrinks text regions in training): by area * ratio / perimeter."),
                threshold("min-score", 0.5, "Smallest recognition confidence of a line reported."),
                perFrameLimit("max-lines", 50L, 1000, "Most lines read per frame, top to bottom."),
                threadsProperty(0L, "Each of the two models gets as many."));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + Model.TASK_PROPERTY + "=text-recognition)")
    void addRecognizer(Model model) {
        recognizers.addModel(model);
    }

    void removeRecognizer(Model model) {
        recognizers.removeModel(model);
    }

    @Override
    public Stage create() {
        return new OcrReader(this);
    }
}
