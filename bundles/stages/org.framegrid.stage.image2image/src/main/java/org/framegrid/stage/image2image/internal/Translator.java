package org.framegrid.stage.image2image.internal;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

import org.framegrid.api.frame.Frame;
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

/** One {@code image-to-image} instance: frame → model → RGB planes → output frame. */
final class Translator implements Stage {

    private final StageModels models;
    private StageContext context;
    private String modelName;
    private int size;
    private boolean keepSize;
    private int threads;

    private StageModels.Loaded loaded;
    private TensorWriter writer;
    private String outputName;
    private float low;
    private float high;
    private final RgbImage image = new RgbImage();
    private final RgbImage result = new RgbImage();
    private final FloatMap plane = new FloatMap();
    private float[] scaled = new float[0];
    private long bypassed;

    Translator(StageModels models) {
        this.models = models;
    }

    @Override
    public void configure(StageContext context, StageProperties properties) {
        this.context = context;
        if (context.inputFormat() != null && !RgbImage.accepts(context.inputFormat())) {
            throw new IllegalArgumentException(ImageToImageStage.TYPE + " reads RGB24, BGR24 or RGBA frames, not "
                    + context.inputFormat());
        }
        modelName = properties.getString("model");
        size = properties.getInt("size");
        keepSize = properties.getBoolean("keep-size");
        threads = properties.getInt("threads");
    }

    @Override
    public void update(StageProperties properties) {
        // No live properties.
    }

    @Override
    public void start() throws Exception {
        loaded = models.load(context, modelName, threads, candidate -> {
            Signature.imageInput(ImageToImageStage.TYPE, candidate);
            TensorInfo output = Signature.output(ImageToImageStage.TYPE, candidate, "image", 4);
            if (output.shape()[1] != 3) {
                throw new IllegalArgumentException(Signature.what(ImageToImageStage.TYPE, candidate) + " output "
                        + output + " is not an RGB image [1,3,H,W]");
            }
            Map<String, String> p = candidate.model().descriptor().properties();
            low = Float.parseFloat(p.getOrDefault("output.min", "0"));
            high = Float.parseFloat(p.getOrDefault("output.max", "1"));
            if (!(high > low)) {
                throw new IllegalArgumentException(Signature.what(ImageToImageStage.TYPE, candidate)
                        + ": output.max must be above output.min");
            }
            outputName = output.name();
            writer = new TensorWriter(candidate.model().descriptor().input());
        });
    }

    @Override
    public Frame process(Frame frame) throws Exception {
        image.read(frame);
        ImageInput spec = writer.spec();
        InputSize in = InputSize.choose(spec.size(), frame.width(), frame.height(), size);
        Tensor input = Tensor.allocate(ElementType.FLOAT32, spec.shape(in.width(), in.height()));
        writer.write(image, in.width(), in.height(), input.floats());
        Tensor out;
        try {
            out = loaded.session().run(Map.of(spec.name(), input), List.of(outputName)).get(outputName);
        } catch (IllegalStateException closed) {
            bypassed++; // the backend closed the model under us: the stream goes on, unchanged
            return frame;
        }
        int oh = (int) out.dim(2);
        int ow = (int) out.dim(3);
        int width = keepSize ? frame.width() : Math.round((float) frame.width() * ow / in.width());
        int height = keepSize ? frame.height() : Math.round((float) frame.height() * oh / in.height());
        result.resize(width, height);
        if (scaled.length < width * height) {
            scaled = new float[width * height];
        }
        FloatBuffer values = out.floats();
        byte[] rgb = result.rgb();
        float scale = 255f / (high - low);
        for (int c = 0; c < 3; c++) {
            plane.read(values, c * ow * oh, ow, oh);
            plane.resample(width, height, scaled);
            for (int i = 0; i < width * height; i++) {
                rgb[3 * i + c] = (byte) Math.round(Math.clamp((scaled[i] - low) * scale, 0f, 255f));
            }
        }
        Frame target;
        if (width == frame.width() && height == frame.height()) {
            target = frame.refCount() > 1 ? context.pool().copyOf(frame) : frame;
        } else {
            target = context.pool().acquire(frame.format(), width, height, frame);
        }
        result.write(target);
        return target;
    }

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
