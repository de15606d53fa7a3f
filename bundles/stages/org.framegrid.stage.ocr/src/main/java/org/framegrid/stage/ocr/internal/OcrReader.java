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
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorInfo;
import org.framegrid.stage.model.StageModels;
import org.framegrid.stage.vision.FloatMap;
import org.framegrid.stage.vision.InputSize;
import org.framegrid.stage.vision.RgbImage;
import org.framegrid.stage.vision.Signature;
import org.framegrid.stage.vision.TensorWriter;

/**
 * One {@code ocr} instance: detector on the whole frame, then the recogniser on each line found, one line at a time
 * (lines differ in width, and batching would pad them all to the widest).
 */
final class OcrReader implements Stage {

    /** Recogniser input height when the model does not fix one; PP-OCR's. */
    private static final int LINE_HEIGHT = 48;
    /** PaddleOCR pads short lines to at least this width (a 320/48 aspect ratio), as the recogniser was trained. */
    private static final int MIN_LINE_WIDTH = 320;
    private static final int MAX_LINE_WIDTH = 3200;
    static final int COLOR = 0xFFFFFF00;

    private final OcrStage provider;
    private StageContext context;
    private String detectorName;
    private String recognizerName;
    private int size;
    private int threads;
    private volatile float threshold;
    private volatile float boxThreshold;
    private volatile float unclipRatio;
    private volatile float minScore;
    private volatile int maxLines;

    private StageModels.Loaded detector;
    private StageModels.Loaded recognizer;
    private TensorWriter detectorInput;
    private TensorWriter lineInput;
    private String probabilityName;
    private String ctcName;
    private CtcDecoder decoder;
    private int lineHeight;
    private int lineMultiple;
    private final RgbImage image = new RgbImage();
    private final FloatMap probabilities = new FloatMap();
    private final TextBoxes boxes = new TextBoxes();
    private InputSize inputSize;
    private int frameWidth;
    private int frameHeight;
    private Map<String, Tensor> detectorInputs;
    private Map<String, Tensor> detectorOutputs;
    private long bypassed;

    OcrReader(OcrStage provider) {
        this.provider = provider;
    }

    @Override
    public void configure(StageContext context, StageProperties properties) {
        this.context = context;
        if (context.inputFormat() != null && !RgbImage.accepts(context.inputFormat())) {
            throw new IllegalArgumentException(OcrStage.TYPE + " reads RGB24, BGR24 or RGBA frames, not "
                    + context.inputFormat());
        }
        detectorName = properties.getString("detector");
        recognizerName = properties.getString("recognizer");
        size = properties.getInt("size");
        threads = properties.getInt("threads");
        update(properties);
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
    public void start() throws Exception {
        StageModels.Loaded det = provider.detectors.load(context, detectorName, threads);
        StageModels.Loaded rec = null;
        try {
            Signature.imageInput(OcrStage.TYPE, det);
            probabilityName = Signature.output(OcrStage.TYPE, det, "probability", 4).name();
            detectorInput = new TensorWriter(det.model().descriptor().input());
            rec = provider.recognizers.load(context, recognizerName, threads);
            Signature.imageInput(OcrStage.TYPE, rec);
            TensorInfo ctc = Signature.output(OcrStage.TYPE, rec, "ctc-probabilities", 3);
            ctcName = ctc.name();
            decoder = new CtcDecoder(dictionary(rec));
            long classes = ctc.shape()[2];
            if (classes > 0 && classes != decoder.classes()) {
                throw new IllegalArgumentException(Signature.what(OcrStage.TYPE, rec) + " outputs " + classes
                        + " classes, its dictionary has " + (decoder.classes() - 2)
                        + " characters (+ blank + space expected)");
            }
            ImageInput line = rec.model().descriptor().input();
            lineInput = new TensorWriter(line);
            lineHeight = line.size().height() > 0 ? line.size().height() : LINE_HEIGHT;
            lineMultiple = line.size().multipleOf();
        } catch (Exception e) {
            det.session().close();
            if (rec != null) {
                rec.session().close();
            }
            throw e;
        }
        detector = det;
        recognizer = rec;
    }

    /** Reads the dictionary file the recogniser's descriptor names (property {@code labels}), one entry a line. */
    private static List<String> dictionary(StageModels.Loaded rec) throws Exception {
        String file = rec.model().descriptor().properties().get("labels");
        if (file == null) {
            throw new IllegalArgumentException(Signature.what(OcrStage.TYPE, rec)
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
    public Frame process(Frame frame) throws Exception {
        image.read(frame);
        if (frame.width() != frameWidth || frame.height() != frameHeight) {
            bind(frame.width(), frame.height());
        }
        List<Detection> found = new ArrayList<>();
        List<Text> texts = new ArrayList<>();
        try {
            detectorInput.write(image, inputSize.width(), inputSize.height(),
                    detectorInputs.values().iterator().next().floats());
            detector.session().runInto(detectorInputs, detectorOutputs);
            probabilities.read(detectorOutputs.get(probabilityName).floats(), 0, inputSize.width(),
                    inputSize.height());
            float sx = (float) frame.width() / inputSize.width();
            float sy = (float) frame.height() / inputSize.height();
            for (TextBoxes.Box box : boxes.find(probabilities.values(), inputSize.width(), inputSize.height(),
                    threshold, boxThreshold, unclipRatio)) {
                if (found.size() == maxLines) {
                    break;
                }
                float x = box.x() * sx;
                float y = box.y() * sy;
                float w = box.width() * sx;
                float h = box.height() * sy;
                CtcDecoder.Line line = read(x, y, w, h);
                if (line.text().isEmpty() || line.score() < minScore) {
                    continue;
                }
                float nx = x / frame.width();
                float ny = y / frame.height();
                found.add(new Detection(nx, ny, w / frame.width(), h / frame.height(), -1, line.text(),
                        line.score(), -1));
                texts.add(new Text(line.text(), nx, ny, COLOR));
            }
        } catch (IllegalStateException closed) {
            // A backend closed a model under us (its bundle is stopping): the stream goes on without text.
            bypassed++;
            return frame;
        }
        Frame out = frame.refCount() > 1 ? context.pool().copyOf(frame) : frame;
        Detections before = out.meta(FrameMeta.DETECTIONS);
        if (before != null) {
            found.addAll(0, before.items());
        }
        out.meta(FrameMeta.DETECTIONS, new Detections(found));
        out.meta(FrameMeta.TEXTS, new Texts(texts));
        return out;
    }

    /** Recognises the frame rectangle {@code (x, y, w, h)}: scaled to the line height, padded on the right. */
    private CtcDecoder.Line read(float x, float y, float w, float h) throws Exception {
        int width = Math.clamp(Math.round(lineHeight * w / h), lineMultiple, MAX_LINE_WIDTH);
        int padded = Math.max(MIN_LINE_WIDTH, width);
        padded = (padded + lineMultiple - 1) / lineMultiple * lineMultiple;
        ImageInput spec = lineInput.spec();
        Tensor in = Tensor.allocate(ElementType.FLOAT32, spec.shape(padded, lineHeight)); // zeros: the padding
        lineInput.write(image, x, y, w, h, width, lineHeight, padded, in.floats());
        Tensor out = recognizer.session().run(Map.of(spec.name(), in), List.of(ctcName)).get(ctcName);
        return decoder.decode(out.floats(), (int) out.dim(1), (int) out.dim(2));
    }

    private void bind(int width, int height) {
        ImageInput spec = detector.model().descriptor().input();
        inputSize = InputSize.choose(spec.size(), width, height, size);
        detectorInputs = Map.of(spec.name(), Tensor.allocate(ElementType.FLOAT32,
                spec.shape(inputSize.width(), inputSize.height())));
        detectorOutputs = Map.of(probabilityName, Tensor.allocate(ElementType.FLOAT32, 1, 1, inputSize.height(),
                inputSize.width()));
        frameWidth = width;
        frameHeight = height;
    }

    long bypassed() {
        return bypassed;
    }

    @Override
    public void stop() {
        if (detector != null) {
            detector.session().close();
            detector = null;
        }
        if (recognizer != null) {
            recognizer.session().close();
            recognizer = null;
        }
    }
}
