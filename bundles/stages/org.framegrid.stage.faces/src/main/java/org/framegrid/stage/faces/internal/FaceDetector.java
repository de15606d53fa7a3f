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
import org.framegrid.api.stage.StageProperties;
import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorInfo;
import org.framegrid.stage.model.ImageInputWriter;
import org.framegrid.stage.model.Letterbox;
import org.framegrid.stage.model.ModelStage;
import org.framegrid.stage.model.Signature;
import org.framegrid.stage.model.StageModels;

/**
 * One {@code detect-faces} instance: per frame it letterboxes into a reused input tensor, runs the model into reused
 * output tensors, decodes and attaches the faces. The only per-frame allocations are the result objects handed
 * downstream.
 */
final class FaceDetector extends ModelStage {

    /** The anchor layout of both BlazeFace exports, used when a descriptor does not state one. */
    private static final String DEFAULT_ANCHORS = "16:2,8:6";
    static final String LABEL = "face";
    private static final String BLAZEFACE = "a BlazeFace export";

    private volatile float scoreThreshold;
    private volatile float iouThreshold;
    private volatile int maxFaces;

    private ImageInputWriter writer;
    private FaceDecoder decoder;
    private Tensor input;
    private Map<String, Tensor> inputs;
    private Map<String, Tensor> outputs;
    private FloatBuffer[] scores;
    private FloatBuffer[] boxes;

    FaceDetector(StageModels models) {
        super(models);
    }

    @Override
    public void update(StageProperties properties) {
        scoreThreshold = (float) properties.getDouble("score-threshold");
        iouThreshold = (float) properties.getDouble("iou-threshold");
        maxFaces = properties.getInt("max-faces");
    }

    /** Checks input and outputs against the anchors and allocates every tensor the frame loop reuses. */
    @Override
    protected void fit(StageModels.Loaded candidate) {
        int size = Signature.squareInput(type(), candidate);
        ModelDescriptor descriptor = candidate.model().descriptor();
        ImageInput image = descriptor.input();
        Anchors anchors = Anchors.parse(descriptor.properties().getOrDefault("anchors", DEFAULT_ANCHORS));
        input = Tensor.allocate(ElementType.FLOAT32, image.shape(size, size));
        inputs = Map.of(image.name(), input);
        Map<String, Tensor> out = new HashMap<>();
        int grids = anchors.grids().size();
        scores = new FloatBuffer[grids];
        boxes = new FloatBuffer[grids];
        for (int g = 0; g < grids; g++) {
            Anchors.Grid grid = anchors.grids().get(g);
            TensorInfo s = Signature.fixedOutput(type(), candidate, "scores-" + grid.cells(), grid.count(),
                    BLAZEFACE);
            TensorInfo b = Signature.fixedOutput(type(), candidate, "boxes-" + grid.cells(),
                    (long) grid.count() * FaceDecoder.VALUES, BLAZEFACE);
            scores[g] = allocate(s, out);
            boxes[g] = allocate(b, out);
        }
        outputs = Map.copyOf(out);
        writer = new ImageInputWriter(image);
        decoder = new FaceDecoder(anchors, size);
    }

    /** @return the floats of a new tensor for output {@code info}, put into {@code outputs} */
    private static FloatBuffer allocate(TensorInfo info, Map<String, Tensor> outputs) {
        Tensor tensor = Tensor.allocate(ElementType.FLOAT32, info.shape());
        outputs.put(info.name(), tensor);
        return tensor.floats();
    }

    @Override
    protected Frame transform(Frame frame) throws Exception {
        Letterbox box = writer.letterbox(frame, input);
        runInto(model(), inputs, outputs);
        int n = decoder.decode(scores, boxes, scoreThreshold, iouThreshold, maxFaces);
        List<Detection> faces = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Detection d = toFrame(box, decoder, i);
            if (d != null) {
                faces.add(d);
            }
        }
        Frame out = writable(frame);
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
}
