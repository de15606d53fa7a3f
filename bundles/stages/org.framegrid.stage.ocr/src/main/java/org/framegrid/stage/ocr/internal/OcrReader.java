package org.framegrid.stage.ocr.internal;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.framegrid.api.frame.Detection;
import org.framegrid.api.frame.Detections;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.Text;
import org.framegrid.api.frame.Texts;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.Tensor;
import org.framegrid.stage.model.ImageInputWriter;
import org.framegrid.stage.model.InputSize;
import org.framegrid.stage.model.ModelStage;
import org.framegrid.stage.model.Signature;
import org.framegrid.stage.model.StageModels;
import org.framegrid.stage.vision.FloatMap;

/**
 * One {@code ocr} instance: detector on the whole frame, then the recogniser on each line found, one line at a time
 * (lines differ in width, and batching would pad them all to the widest).
 */
final class OcrReader extends ModelStage {

    /** Recogniser input height when the model does not fix one; PP-OCR's. */
    private static final int LINE_HEIGHT = 48;
    /** PaddleOCR pads short lines to at least this width (a 320/48 aspect ratio), as the recogniser was trained. */
    private static final int MIN_LINE_WIDTH = 320;
    private static final int MAX_LINE_WIDTH = 3200;
    static final int COLOR = 0xFFFFFF00;

    private final StageModels recognizers;
    private int size;
    private volatile float threshold;
    private volatile float boxThreshold;
    private volatile float unclipRatio;
    private volatile float minScore;
    private volatile int maxLines;

    private StageModels.Loaded detector;
    private StageModels.Loaded recognizer;
    private ImageInputWriter detectorInput;
    private ImageInputWriter lineInput;
    private String probabilityName;
    private String ctcName;
    private CtcDecoder decoder;
    private int lineHeight;
    private int lineMultiple;
    private final FloatMap probabilities = new FloatMap();
    private final TextBoxes boxes = new TextBoxes();
    private InputSize inputSize;
    private int frameWidth;
    private int frameHeight;
    private Map<String, Tensor> detectorInputs;
    private Map<String, Tensor> detectorOutputs;

    OcrReader(OcrProvider provider) {
        super(provider.models());
        this.recognizers = provider.recognizers;
    }

    @Override
    protected void configure(StageProperties properties) {
        size = properties.getInt("size");
    }

    @Override
    public void update(StageProperties properties) {
        threshold = (float) properties.getDouble("threshold");
        boxThreshold = (float) properties.getDouble("box-threshold");
        unclipRatio = (float) properties.getDouble("unclip-ratio");
        minScore = (float) properties.getDouble("min-score");
        maxLines = properties.getInt("max-lines");
    }

    @Override
    protected void load() throws Exception {
        detector = load("detector", det -> {
            Signature.imageInput(type(), det);
            probabilityName = Signature.output(type(), det, "probability", 4).name();
            detectorInput = new ImageInputWriter(det.model().descriptor().input());
        });
        recognizer = load(recognizers, "recognizer", rec -> {
            Signature.imageInput(type(), rec);
            ctcName = Signature.output(type(), rec, "ctc-probabilities", 3).name();
            ImageInput line = rec.model().descriptor().input();
            lineInput = new ImageInputWriter(line);
            lineHeight = line.size().height() > 0 ? line.size().height() : LINE_HEIGHT;
            lineMultiple = line.size().multipleOf();
        });
        // The dictionary is read once the model fits (it may fail to read): the start then closes both models.
        decoder = new CtcDecoder(dictionary(recognizer));
        long classes = Signature.output(type(), recognizer, "ctc-probabilities", 3).shape()[2];
        if (classes > 0 && classes != decoder.classes()) {
            throw new IllegalArgumentException(Signature.what(type(), recognizer) + " outputs " + classes
                    + " classes, its dictionary has " + (decoder.classes() - 2)
                    + " characters (+ blank + space expected)");
        }
    }

    /** Reads the dictionary file the recogniser's descriptor names (property {@code labels}), one entry a line. */
    private static List<String> dictionary(StageModels.Loaded rec) throws Exception {
        String file = rec.model().descriptor().properties().get("labels");
        if (file == null) {
            throw new IllegalArgumentException(Signature.what(OcrProvider.TYPE, rec)
                    + " names no dictionary (descriptor property 'labels')");
        }
        List<String> entries = new ArrayList<>();
        try (InputStream in = rec.model().openResource(file);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                entries.add(line);
            }
        }
        return entries;
    }

    @Override
    protected Frame transform(Frame frame) throws Exception {
        if (frame.width() != frameWidth || frame.height() != frameHeight) {
            bind(frame.width(), frame.height());
        }
        detectorInput.stretch(frame, detectorInputs.values().iterator().next());
        runInto(detector, detectorInputs, detectorOutputs);
        probabilities.read(detectorOutputs.get(probabilityName).floats(), 0, inputSize.width(), inputSize.height());
        float sx = (float) frame.width() / inputSize.width();
        float sy = (float) frame.height() / inputSize.height();
        List<Detection> found = new ArrayList<>();
        List<Text> texts = new ArrayList<>();
        for (TextBoxes.Box box : boxes.find(probabilities.values(), inputSize.width(), inputSize.height(), threshold,
                boxThreshold, unclipRatio)) {
            if (found.size() == maxLines) {
                break;
            }
            float x = box.x() * sx;
            float y = box.y() * sy;
            float w = box.width() * sx;
            float h = box.height() * sy;
            CtcDecoder.Line line = read(frame, x, y, w, h);
            if (line.text().isEmpty() || line.score() < minScore) {
                continue;
            }
            float nx = x / frame.width();
            float ny = y / frame.height();
            found.add(new Detection(nx, ny, w / frame.width(), h / frame.height(), -1, line.text(), line.score(),
                    -1));
            texts.add(new Text(line.text(), nx, ny, COLOR));
        }
        Frame out = writable(frame);
        Detections before = out.meta(FrameMeta.DETECTIONS);
        if (before != null) {
            found.addAll(0, before.items());
        }
        out.meta(FrameMeta.DETECTIONS, new Detections(found));
        out.meta(FrameMeta.TEXTS, new Texts(texts));
        return out;
    }

    /** Recognises the frame rectangle {@code (x, y, w, h)}: scaled to the line height, padded on the right. */
    private CtcDecoder.Line read(Frame frame, float x, float y, float w, float h) throws Exception {
        int width = Math.clamp(Math.round(lineHeight * w / h), lineMultiple, MAX_LINE_WIDTH);
        int padded = Math.max(MIN_LINE_WIDTH, width);
        padded = (padded + lineMultiple - 1) / lineMultiple * lineMultiple;
        ImageInput spec = lineInput.spec();
        Tensor in = Tensor.allocate(ElementType.FLOAT32, spec.shape(padded, lineHeight)); // zeros: the padding
        lineInput.crop(frame, x, y, w, h, width, in);
        Tensor out = run(recognizer, Map.of(spec.name(), in), List.of(ctcName)).get(ctcName);
        return decoder.decode(out.floats(), (int) out.dim(1), (int) out.dim(2));
    }

    private void bind(int width, int height) {
        ImageInput spec = detectorInput.spec();
        inputSize = InputSize.choose(spec.size(), width, height, size);
        detectorInputs = Map.of(spec.name(), detectorInput.input(inputSize));
        detectorOutputs = Map.of(probabilityName, Tensor.allocate(ElementType.FLOAT32, 1, 1, inputSize.height(),
                inputSize.width()));
        frameWidth = width;
        frameHeight = height;
    }
}
