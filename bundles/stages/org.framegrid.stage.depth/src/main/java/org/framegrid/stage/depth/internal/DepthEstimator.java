package org.framegrid.stage.depth.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.Tensors;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.Tensor;
import org.framegrid.stage.model.StageModels;
import org.framegrid.stage.vision.ColorMap;
import org.framegrid.stage.vision.FloatMap;
import org.framegrid.stage.vision.InputSize;
import org.framegrid.stage.vision.RgbImage;
import org.framegrid.stage.vision.Signature;
import org.framegrid.stage.vision.TensorWriter;

/** One {@code depth} instance: frame → model → min-max normalised map → colour-mapped frame. */
final class DepthEstimator implements Stage {

    static final String TENSOR = "depth";

    private final StageModels models;
    private StageContext context;
    private String modelName;
    private int size;
    private int threads;
    private volatile ColorMap colors;
    private volatile boolean nearIsHigh;

    private StageModels.Loaded loaded;
    private TensorWriter writer;
    private String outputName;
    private final RgbImage image = new RgbImage();
    private final FloatMap depth = new FloatMap();
    private float[] scaled = new float[0];
    private long bypassed;

    DepthEstimator(StageModels models) {
        this.models = models;
    }

    @Override
    public void configure(StageContext context, StageProperties properties) {
        this.context = context;
        if (context.inputFormat() != null && !RgbImage.accepts(context.inputFormat())) {
            throw new IllegalArgumentException(DepthStage.TYPE + " reads RGB24, BGR24 or RGBA frames, not "
                    + context.inputFormat());
        }
        modelName = properties.getString("model");
        size = properties.getInt("size");
        threads = properties.getInt("threads");
        update(properties);
    }

    @Override
    public void update(StageProperties properties) {
        colors = properties.getEnum("colormap", ColorMap.class);
        nearIsHigh = properties.getString("near").equals("HIGH");
    }

    @Override
    public void start() throws Exception {
        loaded = models.load(context, modelName, threads, candidate -> {
            Signature.imageInput(DepthStage.TYPE, candidate);
            org.framegrid.inference.api.TensorInfo output = Signature.output(DepthStage.TYPE, candidate, "depth", 3, 4);
            if (output.shape().length == 4 && output.shape()[1] != 1) {
                throw new IllegalArgumentException(Signature.what(DepthStage.TYPE, candidate) + " output " + output
                        + " is not one depth map ([1,H,W] or [1,1,H,W])");
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
        long[] shape = out.shape();
        int h = (int) shape[shape.length - 2];
        int w = (int) shape[shape.length - 1];
        if (out.elements() != (long) w * h) {
            throw new IllegalStateException(Signature.what(DepthStage.TYPE, loaded) + " returned depth of shape "
                    + java.util.Arrays.toString(shape) + ", not one map");
        }
        depth.read(out.floats(), 0, w, h);
        normalise(depth, nearIsHigh);
        int n = frame.width() * frame.height();
        if (scaled.length < n) {
            scaled = new float[n];
        }
        depth.resample(frame.width(), frame.height(), scaled);
        ColorMap map = colors;
        byte[] rgb = image.rgb();
        for (int i = 0; i < n; i++) {
            int c = map.color(scaled[i]);
            rgb[3 * i] = (byte) (c >> 16);
            rgb[3 * i + 1] = (byte) (c >> 8);
            rgb[3 * i + 2] = (byte) c;
        }
        Frame target = frame.refCount() > 1 ? context.pool().copyOf(frame) : frame;
        image.write(target);
        target.meta(FrameMeta.TENSORS, with(target.meta(FrameMeta.TENSORS), tensor(depth)));
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

    private static org.framegrid.api.frame.FrameTensor tensor(FloatMap map) {
        int n = map.width() * map.height();
        ByteBuffer data = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder());
        data.asFloatBuffer().put(map.values(), 0, n);
        return new org.framegrid.api.frame.FrameTensor(TENSOR, new int[] {1, 1, map.height(), map.width()}, data);
    }

    /** @return {@code existing} with {@code tensor} added, replacing one of the same name */
    static Tensors with(Tensors existing, org.framegrid.api.frame.FrameTensor tensor) {
        List<org.framegrid.api.frame.FrameTensor> items = new ArrayList<>();
        if (existing != null) {
            existing.items().stream().filter(t -> !t.name().equals(tensor.name())).forEach(items::add);
        }
        items.add(tensor);
        return new Tensors(items);
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
