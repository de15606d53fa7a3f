package org.framegrid.stage.depth.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.FrameTensor;
import org.framegrid.api.frame.Tensors;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorInfo;
import org.framegrid.stage.model.ImageInputWriter;
import org.framegrid.stage.model.InputSize;
import org.framegrid.stage.model.ModelStage;
import org.framegrid.stage.model.Signature;
import org.framegrid.stage.model.StageModels;
import org.framegrid.stage.vision.ColorMap;
import org.framegrid.stage.vision.FloatMap;
import org.framegrid.stage.vision.RgbImage;

/** One {@code depth} instance: frame → model → min-max normalised map → colour-mapped frame. */
final class DepthEstimator extends ModelStage {

    static final String TENSOR = "depth";

    private int size;
    private volatile ColorMap colors;
    private volatile boolean nearIsHigh;

    private ImageInputWriter writer;
    private String outputName;
    private final RgbImage image = new RgbImage();
    private final FloatMap depth = new FloatMap();
    private float[] scaled = new float[0];

    DepthEstimator(StageModels models) {
        super(models);
    }

    @Override
    protected void configure(StageProperties properties) {
        size = properties.getInt("size");
    }

    @Override
    public void update(StageProperties properties) {
        colors = properties.getEnum("colormap", ColorMap.class);
        nearIsHigh = properties.getString("near").equals("HIGH");
    }

    @Override
    protected void fit(StageModels.Loaded candidate) {
        Signature.imageInput(type(), candidate);
        TensorInfo output = Signature.output(type(), candidate, "depth", 3, 4);
        if (output.shape().length == 4 && output.shape()[1] != 1) {
            throw new IllegalArgumentException(Signature.what(type(), candidate) + " output " + output
                    + " is not one depth map ([1,H,W] or [1,1,H,W])");
        }
        outputName = output.name();
        writer = new ImageInputWriter(candidate.model().descriptor().input());
    }

    @Override
    protected Frame transform(Frame frame) throws Exception {
        ImageInput spec = writer.spec();
        Tensor input = writer.input(InputSize.choose(spec.size(), frame.width(), frame.height(), size));
        writer.stretch(frame, input);
        Tensor out = run(model(), Map.of(spec.name(), input), List.of(outputName)).get(outputName);
        long[] shape = out.shape();
        int h = (int) shape[shape.length - 2];
        int w = (int) shape[shape.length - 1];
        if (out.elements() != (long) w * h) {
            throw new IllegalStateException(Signature.what(type(), model()) + " returned depth of shape "
                    + Arrays.toString(shape) + ", not one map");
        }
        depth.read(out.floats(), 0, w, h);
        normalise(depth, nearIsHigh);
        int n = frame.width() * frame.height();
        if (scaled.length < n) {
            scaled = new float[n];
        }
        depth.resample(frame.width(), frame.height(), scaled);
        ColorMap map = colors;
        byte[] rgb = image.resize(frame.width(), frame.height()).rgb();
        for (int i = 0; i < n; i++) {
            int c = map.color(scaled[i]);
            rgb[3 * i] = (byte) (c >> 16);
            rgb[3 * i + 1] = (byte) (c >> 8);
            rgb[3 * i + 2] = (byte) c;
        }
        Frame target = writable(frame);
        image.write(target);
        Tensors before = target.meta(FrameMeta.TENSORS);
        target.meta(FrameMeta.TENSORS, (before == null ? new Tensors(List.of()) : before).with(List.of(tensor(depth))));
        return target;
    }

    /** Maps the map onto 0..1, near = 1; a flat map becomes all 0 (nothing is nearer than anything else). */
    static void normalise(FloatMap map, boolean nearIsHigh) {
        float[] range = map.range();
        float span = range[1] - range[0];
        float[] v = map.values();
        for (int i = 0; i < map.width() * map.height(); i++) {
            float t = span > 0 && Float.isFinite(v[i]) ? (v[i] - range[0]) / span : 0f;
            v[i] = nearIsHigh ? t : 1 - t;
        }
    }

    private static FrameTensor tensor(FloatMap map) {
        int n = map.width() * map.height();
        ByteBuffer data = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder());
        data.asFloatBuffer().put(map.values(), 0, n);
        return new FrameTensor(TENSOR, new int[] {1, 1, map.height(), map.width()}, data);
    }
}
