package org.framegrid.stage.image2image.internal;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorInfo;
import org.framegrid.stage.model.ImageInputWriter;
import org.framegrid.stage.model.InputSize;
import org.framegrid.stage.model.ModelStage;
import org.framegrid.stage.model.Signature;
import org.framegrid.stage.model.StageModels;
import org.framegrid.stage.vision.FloatMap;
import org.framegrid.stage.vision.RgbImage;

/** One {@code image-to-image} instance: frame → model → RGB planes → output frame. */
final class Translator extends ModelStage {

    private int size;
    private boolean keepSize;

    private ImageInputWriter writer;
    private String outputName;
    private float low;
    private float high;
    private final RgbImage result = new RgbImage();
    private final FloatMap plane = new FloatMap();
    private float[] scaled = new float[0];

    Translator(StageModels models) {
        super(models);
    }

    @Override
    protected void configure(StageProperties properties) {
        size = properties.getInt("size");
        keepSize = properties.getBoolean("keep-size");
    }

    @Override
    protected void fit(StageModels.Loaded candidate) {
        Signature.imageInput(type(), candidate);
        TensorInfo output = Signature.output(type(), candidate, "image", 4);
        if (output.shape()[1] != 3) {
            throw new IllegalArgumentException(Signature.what(type(), candidate) + " output " + output
                    + " is not an RGB image [1,3,H,W]");
        }
        Map<String, String> p = candidate.model().descriptor().properties();
        low = Float.parseFloat(p.getOrDefault("output.min", "0"));
        high = Float.parseFloat(p.getOrDefault("output.max", "1"));
        if (!(high > low)) {
            throw new IllegalArgumentException(Signature.what(type(), candidate)
                    + ": output.max must be above output.min");
        }
        outputName = output.name();
        writer = new ImageInputWriter(candidate.model().descriptor().input());
    }

    @Override
    protected Frame transform(Frame frame) throws Exception {
        ImageInput spec = writer.spec();
        InputSize in = InputSize.choose(spec.size(), frame.width(), frame.height(), size);
        Tensor input = writer.input(in);
        writer.stretch(frame, input);
        Tensor out = run(model(), Map.of(spec.name(), input), List.of(outputName)).get(outputName);
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
            target = writable(frame);
        } else {
            target = context().pool().acquire(frame.format(), width, height, frame);
        }
        result.write(target);
        return target;
    }
}
