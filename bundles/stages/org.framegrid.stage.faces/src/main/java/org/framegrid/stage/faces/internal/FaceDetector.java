package org.framegrid.stage.faces.internal;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.framegrid.api.frame.Detection;
import org.framegrid.api.frame.Detections;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.Tensor;
import org.framegrid.stage.model.ImageInputWriter;
import org.framegrid.stage.model.Letterbox;
import org.framegrid.stage.model.StageModels;

/**
 * One {@code detect-faces} instance: loads its model in {@link #start()}, then per frame letterboxes into a reused
 * input tensor, runs the model into reused output tensors, decodes and attaches the faces. The only per-frame
 * allocations are the result objects handed downstream.
 */
final class FaceDetector implements Stage {

    /** The anchor layout of both BlazeFace exports, used when a descriptor does not state one. */
    private static final String DEFAULT_ANCHORS = "16:2,8:6";
    static final String LABEL = "face";
    private static final String BLAZEFACE = "a BlazeFace export";

    private final DetectFacesStage provider;
    private StageContext context;
    private String modelName;
    private int threads;
    private volatile float scoreThreshold;
    private volatile float iouThreshold;
    private volatile int maxFaces;

    private LoadedModel loaded;
    private ImageInputWriter writer;
    private FaceDecoder decoder;
    private FloatBuffer input;
    private Map<String, Tensor> inputs;
    private Map<String, Tensor> outputs;
    private FloatBuffer[] scores;
    private FloatBuffer[] boxes;
    private long bypassed;

    FaceDetector(DetectFacesStage provider) {
        this.provider = provider;
    }

    @Override
    public void configure(StageContext context, StageProperties properties) {
        this.context = context;
        if (context.inputFormat() != null && !ImageInputWriter.accepts(context.inputFormat())) {
            throw new IllegalArgumentException(DetectFacesStage.TYPE + " reads RGB24, BGR24 or RGBA frames, not "
                    + context.inputFormat());
        }
        modelName = properties.getString("model");
        threads = properties.getInt("threads");
        update(properties);
    }

    @Override
    public void update(StageProperties properties) {
        scoreThreshold = (float) properties.getDouble("score-threshold");
        iouThreshold = (float) properties.getDouble("iou-threshold");
        maxFaces = properties.getInt("max-faces");
    }

    @Override
    public void start() throws Exception {
        loaded = provider.models().load(context, modelName, threads, this::bind).session();
    }

    /** Checks input and outputs against the anchors and allocates every tensor the frame loop reuses. */
    private void bind(StageModels.Loaded model) {
        ModelDescriptor descriptor = model.model().descriptor();
        ImageInput image = descriptor.input();
        if (!image.size().isFixed() || image.size().width() != image.size().height()) {
            throw new IllegalArgumentException(DetectFacesStage.TYPE + ": model " + modelName + " from "
                    + model.model().origin() + " needs a fixed square input, it declares " + image.size());
        }
        int size = image.size().width();
        Anchors anchors = Anchors.parse(descriptor.properties().getOrDefault("anchors", DEFAULT_ANCHORS));
        Tensor in = Tensor.allocate(ElementType.FLOAT32, image.shape(size, size));
        input = in.floats();
        inputs = Map.of(image.name(), in);
        Map<String, Tensor> out = new HashMap<>();
        int grids = anchors.grids().size();
        scores = new FloatBuffer[grids];
        boxes = new FloatBuffer[grids];
        for (int g = 0; g < grids; g++) {
            Anchors.Grid grid = anchors.grids().get(g);
            String scoresMeaning = "scores-" + grid.cells();
            String boxesMeaning = "boxes-" + grid.cells();
            Tensor s = provider.models().floatOutput(model, scoresMeaning, grid.count(), BLAZEFACE);
            Tensor b = provider.models().floatOutput(model, boxesMeaning, (long) grid.count() * FaceDecoder.VALUES,
                    BLAZEFACE);
            out.put(descriptor.output(scoresMeaning).name(), s);
            out.put(descriptor.output(boxesMeaning).name(), b);
            scores[g] = s.floats();
            boxes[g] = b.floats();
        }
        outputs = Map.copyOf(out);
        writer = new ImageInputWriter(size, image.layout(), image.colorOrder(), image.normalization());
        decoder = new FaceDecoder(anchors, size);
    }

    @Override
    public Frame process(Frame frame) throws Exception {
        Letterbox box = writer.write(frame, input);
        try {
            loaded.runInto(inputs, outputs);
        } catch (IllegalStateException closed) {
            // The backend closed our copy (its bundle is stopping): let the stream go on without detections.
            bypassed++;
            return frame;
        }
        int n = decoder.decode(scores, boxes, scoreThreshold, iouThreshold, maxFaces);
        List<Detection> faces = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Detection d = toFrame(box, decoder, i);
            if (d != null) {
                faces.add(d);
            }
        }
        // Metadata of a shared frame is read-only too (Frame's contract): write on a copy then.
        Frame out = frame.refCount() > 1 ? context.pool().copyOf(frame) : frame;
        out.meta(FrameMeta.DETECTIONS, new Detections(faces));
        return out;
    }

    /** @return face {@code i} in frame-normalised coordinates, clipped to the frame; {@code null} when outside */
    static Detection toFrame(Letterbox box, FaceDecoder decoder, int i) {
        float w = box.frameWidth();
        float h = box.frameHeight();
        float x0 = Math.clamp(box.frameX(decoder.box(i, 0)) / w, 0f, 1f);
        float y0 = Math.clamp(box.frameY(decoder.box(i, 1)) / h, 0f, 1f);
        float x1 = Math.clamp(box.frameX(decoder.box(i, 2)) / w, 0f, 1f);
        float y1 = Math.clamp(box.frameY(decoder.box(i, 3)) / h, 0f, 1f);
        if (x1 <= x0 || y1 <= y0) {
            return null;
        }
        return new Detection(x0, y0, x1 - x0, y1 - y0, 0, LABEL, decoder.score(i), -1);
    }

    /** @return how many frames went through without detection because the model had been closed */
    long bypassed() {
        return bypassed;
    }

    @Override
    public void stop() {
        if (loaded != null) {
            loaded.close();
            loaded = null;
        }
    }
}
