package org.framegrid.stage.segment.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.Mask;
import org.framegrid.api.frame.Matte;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorInfo;
import org.framegrid.stage.model.ImageInputWriter;
import org.framegrid.stage.model.InputSize;
import org.framegrid.stage.model.ModelStage;
import org.framegrid.stage.model.Signature;
import org.framegrid.stage.model.StageModels;
import org.framegrid.stage.segment.internal.SegmentProvider.Background;
import org.framegrid.stage.vision.FloatMap;
import org.framegrid.stage.vision.RgbImage;

/**
 * One {@code segment} instance: per frame (or every Nth) the frame is stretched into the model input, the alpha
 * matte read back, attached as it is ({@code FrameMeta.MATTE}) and thresholded into the mask ({@code FrameMeta.MASK}),
 * and the frame composited. The matte output may be {@code [1,1,H,W]} (ISNet) or {@code [1,H,W,1]} (MediaPipe's
 * selfie segmentation): the same values in the same order. Tensors are reallocated only when the frame geometry
 * changes.
 */
final class Segmenter extends ModelStage {

    static final List<String> LABELS = List.of("background", "foreground");

    private int size;
    private volatile float threshold;
    private volatile int every;
    private final Compositor compositor = new Compositor();

    private ImageInputWriter writer;
    private String outputName;
    /** The output's fixed shape, or {@code null} when it follows the input size. */
    private long[] outputShape;
    private InputSize inputSize;
    private int frameWidth;
    private int frameHeight;
    private Map<String, Tensor> inputs;
    private Map<String, Tensor> outputs;
    private final RgbImage image = new RgbImage();
    private final FloatMap matte = new FloatMap();
    private Mask mask;
    private Matte soft;
    private long frames;

    Segmenter(StageModels models) {
        super(models);
    }

    @Override
    protected void configure(StageProperties properties) throws Exception {
        size = properties.getInt("size");
        compositor.image(properties.getString("image"));
    }

    @Override
    public void update(StageProperties properties) {
        Background background = properties.getEnum("background", Background.class);
        compositor.configure(background, properties.getString("color"), properties.getInt("blur-radius"));
        threshold = (float) properties.getDouble("threshold");
        every = properties.getInt("every");
    }

    @Override
    protected void fit(StageModels.Loaded candidate) {
        Signature.imageInput(type(), candidate);
        TensorInfo alpha = Signature.output(type(), candidate, "alpha", 4);
        outputName = alpha.name();
        outputShape = alpha.isFixed() ? alpha.shape() : null;
        writer = new ImageInputWriter(candidate.model().descriptor().input());
    }

    @Override
    protected Frame transform(Frame frame) throws Exception {
        boolean compositing = compositor.active();
        if (compositing) {
            image.read(frame);
        }
        boolean fresh = frame.width() != frameWidth || frame.height() != frameHeight;
        if (fresh || frames++ % every == 0) {
            if (fresh) {
                bind(frame.width(), frame.height());
                frames = 1;
            }
            Tensor in = inputs.values().iterator().next();
            writer.stretch(frame, in);
            runInto(model(), inputs, outputs);
            matte.read(outputs.get(outputName).floats(), 0, inputSize.width(), inputSize.height());
            mask = mask(matte, threshold);
            soft = new Matte(matte.width(), matte.height(), Arrays.copyOf(matte.values(), matte.width() * matte.height()));
        }
        Frame out = writable(frame);
        out.meta(FrameMeta.MASK, mask);
        out.meta(FrameMeta.MATTE, soft);
        if (compositing && compositor.composite(image, matte)) {
            image.write(out);
        }
        return out;
    }

    /** A frame went through unsegmented: the model runs again on the next one rather than reuse an older matte. */
    @Override
    protected void bypassing() {
        frameWidth = 0;
    }

    /** (Re)allocates the tensors for a new frame geometry. */
    private void bind(int width, int height) {
        ImageInput spec = writer.spec();
        inputSize = InputSize.choose(spec.size(), width, height, size);
        inputs = Map.of(spec.name(), writer.input(inputSize));
        long[] shape = outputShape != null ? outputShape : new long[] {1, 1, inputSize.height(), inputSize.width()};
        if (Tensor.elementCount(shape) != (long) inputSize.width() * inputSize.height()) {
            throw new IllegalStateException(type() + ": output " + outputName + " " + Arrays.toString(shape)
                    + " is not one value per input pixel (" + inputSize + ")");
        }
        outputs = Map.of(outputName, Tensor.allocate(ElementType.FLOAT32, shape));
        frameWidth = width;
        frameHeight = height;
    }

    /** @return the two-class mask of {@code matte}: 1 where alpha is above {@code threshold} */
    static Mask mask(FloatMap matte, float threshold) {
        int n = matte.width() * matte.height();
        byte[] classes = new byte[n];
        float[] alpha = matte.values();
        for (int i = 0; i < n; i++) {
            classes[i] = (byte) (alpha[i] > threshold ? 1 : 0);
        }
        return new Mask(matte.width(), matte.height(), classes, LABELS);
    }
}
