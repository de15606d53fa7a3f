package org.framegrid.stage.vision;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

import org.framegrid.api.frame.Frame;
import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorInfo;
import org.framegrid.stage.model.ImageInputWriter;
import org.framegrid.stage.model.Letterbox;
import org.framegrid.stage.model.Signature;
import org.framegrid.stage.model.StageModels;

/**
 * The detector half of a MediaPipe landmark stage (pose, face mesh, hands): a loaded SSD detector with fixed-size
 * anchors (outputs {@code boxes} and {@code scores}, anchors and keypoints in its descriptor's properties), run on the
 * letterboxed frame, decoded into the one object the stage tracks ({@link AnchorDetections}), with the geometry mapped
 * back to frame pixels. Tensors are allocated once.
 *
 * <p>Not thread-safe: one per stage instance.
 */
public final class RegionDetector {

    /** Runs a loaded model into caller-owned outputs: a {@code ModelStage}'s {@code runInto}. */
    @FunctionalInterface
    public interface Runner {
        void run(StageModels.Loaded model, Map<String, Tensor> inputs, Map<String, Tensor> outputs) throws Exception;
    }

    private final StageModels.Loaded model;
    private final ImageInputWriter writer;
    private final Tensor input;
    private final Map<String, Tensor> inputs;
    private final Map<String, Tensor> outputs;
    private final FloatBuffer boxes;
    private final FloatBuffer scores;
    private final AnchorDetections decoder;
    private final float nmsIou;
    private Letterbox letterbox;
    private long runs;

    /**
     * Checks {@code candidate}'s outputs against its anchors and allocates the tensors.
     *
     * @param stage            the stage type, for messages
     * @param defaultAnchors   the anchor layout when the descriptor has no {@code anchors} property
     * @param defaultKeypoints keypoints per anchor when the descriptor has no {@code keypoints} property
     * @param kind             what the stage expects, for messages ({@code a BlazePose detector})
     * @throws IllegalArgumentException naming the model when its input or outputs do not fit
     */
    public RegionDetector(String stage, StageModels.Loaded candidate, String defaultAnchors, int defaultKeypoints,
            String kind) {
        model = candidate;
        int size = Signature.squareInput(stage, candidate);
        ModelDescriptor descriptor = candidate.model().descriptor();
        int keypoints = Integer.parseInt(descriptor.properties().getOrDefault("keypoints",
                Integer.toString(defaultKeypoints)));
        int values = 4 + 2 * keypoints;
        decoder = new AnchorDetections(descriptor.properties().getOrDefault("anchors", defaultAnchors), size, values);
        nmsIou = Float.parseFloat(descriptor.properties().getOrDefault("nms.iou", "0.3"));
        String what = kind + " with " + decoder.count() + " anchors of " + values + " values";
        Map<String, Tensor> out = new HashMap<>();
        boxes = allocate(Signature.fixedOutput(stage, candidate, "boxes", (long) decoder.count() * values, what), out);
        scores = allocate(Signature.fixedOutput(stage, candidate, "scores", decoder.count(), what), out);
        outputs = Map.copyOf(out);
        writer = new ImageInputWriter(descriptor.input());
        input = Tensor.allocate(ElementType.FLOAT32, descriptor.input().shape(size, size));
        inputs = Map.of(descriptor.input().name(), input);
    }

    /**
     * @return a new float tensor for output {@code info}, put into {@code outputs}; its floats
     */
    public static FloatBuffer allocate(TensorInfo info, Map<String, Tensor> outputs) {
        Tensor tensor = Tensor.allocate(ElementType.FLOAT32, info.shape());
        outputs.put(info.name(), tensor);
        return tensor.floats();
    }

    /**
     * Runs the detector on {@code frame} with {@code runner}.
     *
     * @return whether it found the object with a score of {@code minScore} or more; its geometry is then in
     *     {@link #frameX(int)} and {@link #frameY(int)}
     */
    public boolean detect(Frame frame, float minScore, Runner runner) throws Exception {
        letterbox = writer.letterbox(frame, input);
        runner.run(model, inputs, outputs);
        runs++;
        return decoder.decode(boxes, scores, minScore, nmsIou) > 0;
    }

    /** @return the frame x (pixels) of merged value {@code k}: 0, 2 the box's left and right, 4 + 2j keypoint j's */
    public float frameX(int k) {
        return letterbox.frameX(decoder.value(k));
    }

    /** @return the frame y (pixels) of merged value {@code k}: 1, 3 the box's top and bottom, 5 + 2j keypoint j's */
    public float frameY(int k) {
        return letterbox.frameY(decoder.value(k));
    }

    /** @return the frame x (pixels) of the box's centre */
    public float boxCentreX() {
        return (frameX(0) + frameX(2)) / 2;
    }

    /** @return the frame y (pixels) of the box's centre */
    public float boxCentreY() {
        return (frameY(1) + frameY(3)) / 2;
    }

    /** @return the box's width in frame pixels */
    public float boxWidth() {
        return frameX(2) - frameX(0);
    }

    /** @return the box's height in frame pixels */
    public float boxHeight() {
        return frameY(3) - frameY(1);
    }

    /** @return how often the detector ran */
    public long runs() {
        return runs;
    }
}
