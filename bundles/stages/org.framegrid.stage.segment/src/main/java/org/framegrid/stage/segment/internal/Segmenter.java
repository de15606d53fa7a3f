package org.framegrid.stage.segment.internal;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.Mask;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorInfo;
import org.framegrid.stage.model.StageModels;
import org.framegrid.stage.segment.internal.SegmentStage.Background;
import org.framegrid.stage.vision.FloatMap;
import org.framegrid.stage.vision.InputSize;
import org.framegrid.stage.vision.RgbImage;
import org.framegrid.stage.vision.Signature;
import org.framegrid.stage.vision.TensorWriter;

/**
 * One {@code segment} instance: per frame (or every Nth) the frame is stretched into the model input, the alpha
 * matte read back, thresholded into the mask, and the frame composited. Tensors are reallocated only when the frame
 * geometry changes.
 */
final class Segmenter implements Stage {

    static final List<String> LABELS = List.of("background", "foreground");

    private final StageModels models;
    private StageContext context;
    private String modelName;
    private int size;
    private int threads;
    private volatile float threshold;
    private volatile int every;
    private final Compositor compositor = new Compositor();

    private StageModels.Loaded loaded;
    private TensorWriter writer;
    private String outputName;
    private InputSize inputSize;
    private int frameWidth;
    private int frameHeight;
    private Map<String, Tensor> inputs;
    private Map<String, Tensor> outputs;
    private final RgbImage image = new RgbImage();
    private final FloatMap matte = new FloatMap();
    private Mask mask;
    private long frames;
    private long bypassed;

    Segmenter(StageModels models) {
        this.models = models;
    }

    @Override
    public void configure(StageContext context, StageProperties properties) throws Exception {
        this.context = context;
        if (context.inputFormat() != null && !RgbImage.accepts(context.inputFormat())) {
            throw new IllegalArgumentException(SegmentStage.TYPE + " reads RGB24, BGR24 or RGBA frames, not "
                    + context.inputFormat());
        }
        modelName = properties.getString("model");
        size = properties.getInt("size");
        threads = properties.getInt("threads");
        compositor.image(properties.getString("image"));
        update(properties);
    }

    @Override
    public void update(StageProperties properties) {
        Background background = properties.getEnum("background", Background.class);
        compositor.configure(background, properties.getString("color"), properties.getInt("blur-radius"));
        threshold = (float) properties.getDouble("threshold");
        every = properties.getInt("every");
    }

    @Override
    public void start() throws Exception {
        loaded = models.load(context, modelName, threads, candidate -> {
            Signature.imageInput(SegmentStage.TYPE, candidate);
            TensorInfo alpha = Signature.output(SegmentStage.TYPE, candidate, "alpha", 4);
            writer = new TensorWriter(candidate.model().descriptor().input());
            outputName = alpha.name();
        });
    }

    @Override
    public Frame process(Frame frame) throws Exception {
        image.read(frame);
        boolean fresh = frame.width() != frameWidth || frame.height() != frameHeight;
        if (fresh || frames++ % every == 0) {
            if (fresh) {
                bind(frame.width(), frame.height());
                frames = 1;
            }
            Tensor in = inputs.values().iterator().next();
            writer.write(image, inputSize.width(), inputSize.height(), in.floats());
            try {
                loaded.session().runInto(inputs, outputs);
            } catch (IllegalStateException closed) {
                // The backend closed our copy (its bundle is stopping): the stream goes on, unsegmented.
                bypassed++;
                frameWidth = 0;
                return frame;
            }
            FloatBuffer alpha = outputs.get(outputName).floats();
            matte.read(alpha, 0, inputSize.width(), inputSize.height());
            mask = mask(matte, threshold);
        }
        Frame out = frame.refCount() > 1 ? context.pool().copyOf(frame) : frame;
        out.meta(FrameMeta.MASK, mask);
        if (compositor.composite(image, matte)) {
            image.write(out);
        }
        return out;
    }

    /** (Re)allocates the tensors for a new frame geometry. */
    private void bind(int width, int height) {
        ImageInput spec = loaded.model().descriptor().input();
        inputSize = InputSize.choose(spec.size(), width, height, size);
        Tensor in = Tensor.allocate(ElementType.FLOAT32, spec.shape(inputSize.width(), inputSize.height()));
        inputs = Map.of(spec.name(), in);
        outputs = Map.of(outputName, Tensor.allocate(ElementType.FLOAT32, 1, 1, inputSize.height(),
                inputSize.width()));
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

    /** @return how many frames went through unsegmented because the model had been closed */
    long bypassed() {
        return bypassed;
    }

    @Override
    public void stop() {
        if (loaded != null) {
            loaded.session().close();
            loaded = null;
        }
    }
}
