package org.framegrid.stage.lines.internal;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.Line;
import org.framegrid.api.frame.Lines;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.Tensor;
import org.framegrid.stage.model.Letterbox;
import org.framegrid.stage.model.StageModels;

/**
 * One {@code lines} instance: loads its model in {@link #start()}, then per frame letterboxes into a reused NHWC
 * tensor (raw RGB 0..255 plus a constant 1: M-LSD normalises inside its graph), runs the model into reused outputs,
 * and turns every cell whose centre score passes the threshold into a segment (the export already applies NMS).
 */
final class LineDetector implements Stage {

    /** Drawn in a colour that stands out on most video; overlay uses it as is. */
    private static final String MLSD = "an M-LSD export";
    static final int COLOR = 0xFFFF00FF;

    private final LinesStage provider;
    private StageContext context;
    private String modelName;
    private int threads;
    private volatile float scoreThreshold;
    private volatile float minLength;
    private volatile int maxLines;

    private LoadedModel loaded;
    private int size;
    private FloatBuffer input;
    private Map<String, Tensor> inputs;
    private Map<String, Tensor> outputs;
    private FloatBuffer scores;
    private FloatBuffer offsets;
    private int[] order;
    private long bypassed;

    LineDetector(LinesStage provider) {
        this.provider = provider;
    }

    @Override
    public void configure(StageContext context, StageProperties properties) {
        this.context = context;
        if (context.inputFormat() != null && !LinesStage.FORMATS.contains(context.inputFormat())) {
            throw new IllegalArgumentException(LinesStage.TYPE + " reads RGB24, BGR24 or RGBA frames, not "
                    + context.inputFormat());
        }
        modelName = properties.getString("model");
        threads = properties.getInt("threads");
        update(properties);
    }

    @Override
    public void update(StageProperties properties) {
        scoreThreshold = (float) properties.getDouble("score-threshold");
        minLength = (float) properties.getDouble("min-length");
        maxLines = properties.getInt("max-lines");
    }

    @Override
    public void start() throws Exception {
        loaded = provider.models().load(context, modelName, threads, this::bind).session();
    }

    /** Checks input and outputs hold what M-LSD's decoding needs and allocates every tensor the loop reuses. */
    private void bind(StageModels.Loaded model) {
        ModelDescriptor descriptor = model.model().descriptor();
        ImageInput image = descriptor.input();
        String origin = " from " + model.model().origin();
        if (!image.size().isFixed() || image.size().width() != image.size().height()) {
            throw new IllegalArgumentException(LinesStage.TYPE + ": model " + modelName + origin
                    + " needs a fixed square input, it declares " + image.size());
        }
        int side = image.size().width();
        Tensor in = Tensor.allocate(ElementType.FLOAT32, image.shape(side, side));
        if (in.floats().capacity() != side * side * 4) {
            throw new IllegalArgumentException(LinesStage.TYPE + ": model " + modelName + origin
                    + " input is not [1," + side + "," + side + ",4]; not " + MLSD);
        }
        size = side;
        input = in.floats();
        inputs = Map.of(image.name(), in);
        int cells = (side / 2) * (side / 2);
        Tensor s = provider.models().floatOutput(model, "scores", cells, MLSD);
        Tensor o = provider.models().floatOutput(model, "offsets", cells * 4L, MLSD);
        scores = s.floats();
        offsets = o.floats();
        outputs = Map.of(descriptor.output("scores").name(), s, descriptor.output("offsets").name(), o);
        order = new int[cells];
    }

    @Override
    public Frame process(Frame frame) throws Exception {
        Letterbox box = Letterbox.of(frame.width(), frame.height(), size);
        write(frame, box, input, size);
        try {
            loaded.runInto(inputs, outputs);
        } catch (IllegalStateException closed) {
            // The backend closed our copy (its bundle is stopping): let the stream go on without lines.
            bypassed++;
            return frame;
        }
        List<Line> lines = decode(box);
        // Metadata of a shared frame is read-only too (Frame's contract): write on a copy then.
        Frame out = frame.refCount() > 1 ? context.pool().copyOf(frame) : frame;
        out.meta(FrameMeta.LINES, new Lines(lines));
        return out;
    }

    /**
     * Fills the NHWC input by nearest sampling. The padding repeats the frame's edge pixels rather than a constant,
     * so the letterbox border itself never looks like a line to the model.
     */
    static void write(Frame frame, Letterbox box, FloatBuffer input, int size) {
        ByteBuffer data = frame.data();
        int bpp = frame.format().elementBytes(0);
        boolean bgr = frame.format() == PixelFormat.BGR24;
        int base = frame.offset(0);
        int stride = frame.stride(0);
        int w = frame.width();
        int h = frame.height();
        int at = 0;
        for (int y = 0; y < size; y++) {
            int fy = Math.clamp((int) ((y + 0.5f - box.padY()) / box.scale()), 0, h - 1);
            int row = base + fy * stride;
            for (int x = 0; x < size; x++) {
                int fx = Math.clamp((int) ((x + 0.5f - box.padX()) / box.scale()), 0, w - 1);
                int p = row + fx * bpp;
                float c0 = data.get(p) & 0xff;
                float c1 = data.get(p + 1) & 0xff;
                float c2 = data.get(p + 2) & 0xff;
                input.put(at, bgr ? c2 : c0);
                input.put(at + 1, c1);
                input.put(at + 2, bgr ? c0 : c2);
                input.put(at + 3, 1f);
                at += 4;
            }
        }
    }

    /** @return the segments that pass score and length, best first, at most max-lines, normalised to the frame */
    List<Line> decode(Letterbox box) {
        float threshold = scoreThreshold;
        float shortest = minLength;
        int limit = maxLines;
        int half = size / 2;
        int n = 0;
        for (int i = 0; i < half * half; i++) {
            if (scores.get(i) >= threshold) {
                order[n++] = i;
            }
        }
        sortByScore(n);
        List<Line> lines = new ArrayList<>(Math.min(n, limit));
        float w = box.frameWidth();
        float h = box.frameHeight();
        for (int k = 0; k < n && lines.size() < limit; k++) {
            int i = order[k];
            float cx = i % half;
            float cy = i / half;
            int o = i * 4;
            float x1 = frame(cx + offsets.get(o), box.padX(), box.scale(), w);
            float y1 = frame(cy + offsets.get(o + 1), box.padY(), box.scale(), h);
            float x2 = frame(cx + offsets.get(o + 2), box.padX(), box.scale(), w);
            float y2 = frame(cy + offsets.get(o + 3), box.padY(), box.scale(), h);
            if (Math.hypot(x2 - x1, y2 - y1) < shortest) {
                continue;
            }
            lines.add(new Line(x1 / w, y1 / h, x2 / w, y2 / h, COLOR, null));
        }
        return lines;
    }

    /** @return the frame pixel of output-grid coordinate {@code g} (2 input pixels per cell), clipped to the frame */
    private static float frame(float g, float pad, float scale, float extent) {
        return Math.clamp((g * 2 - pad) / scale, 0f, extent);
    }

    /** Insertion sort by descending score: few cells pass the threshold, and it allocates nothing. */
    private void sortByScore(int n) {
        for (int a = 1; a < n; a++) {
            int v = order[a];
            float s = scores.get(v);
            int b = a - 1;
            while (b >= 0 && scores.get(order[b]) < s) {
                order[b + 1] = order[b];
                b--;
            }
            order[b + 1] = v;
        }
    }

    /** @return how many frames went through without lines because the model had been closed */
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
