package org.framegrid.stage.lines.internal;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.Line;
import org.framegrid.api.frame.Lines;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorInfo;
import org.framegrid.stage.model.ImageInputWriter;
import org.framegrid.stage.model.Letterbox;
import org.framegrid.stage.model.ModelStage;
import org.framegrid.stage.model.Signature;
import org.framegrid.stage.model.StageModels;

/**
 * One {@code lines} instance: per frame it letterboxes into a reused NHWC tensor (raw RGB 0..255 plus a constant 1:
 * M-LSD normalises inside its graph; nearest samples, and the padding repeats the frame's edge pixels so the letterbox
 * border never looks like a line to the model), runs the model into reused outputs, and turns every cell whose centre
 * score passes the threshold into a segment (the export already applies NMS).
 */
final class LineDetector extends ModelStage {

    private static final String MLSD = "an M-LSD export";
    /** Drawn in a colour that stands out on most video; overlay uses it as is. */
    static final int COLOR = 0xFFFF00FF;

    private volatile float scoreThreshold;
    private volatile float minLength;
    private volatile int maxLines;

    private ImageInputWriter writer;
    private int size;
    private Tensor input;
    private Map<String, Tensor> inputs;
    private Map<String, Tensor> outputs;
    private FloatBuffer scores;
    private FloatBuffer offsets;
    private int[] order;

    LineDetector(StageModels models) {
        super(models);
    }

    @Override
    public void update(StageProperties properties) {
        scoreThreshold = (float) properties.getDouble("score-threshold");
        minLength = (float) properties.getDouble("min-length");
        maxLines = properties.getInt("max-lines");
    }

    /** Checks input and outputs hold what M-LSD's decoding needs and allocates every tensor the loop reuses. */
    @Override
    protected void fit(StageModels.Loaded candidate) {
        int side = Signature.squareInput(type(), candidate);
        ImageInput image = candidate.model().descriptor().input();
        Tensor in = Tensor.allocate(ElementType.FLOAT32, image.shape(side, side));
        if (in.elements() != (long) side * side * 4) {
            throw new IllegalArgumentException(Signature.what(type(), candidate) + " input is not [1," + side + ","
                    + side + ",4]; not " + MLSD);
        }
        size = side;
        input = in;
        inputs = Map.of(image.name(), in);
        int cells = (side / 2) * (side / 2);
        TensorInfo s = Signature.fixedOutput(type(), candidate, "scores", cells, MLSD);
        TensorInfo o = Signature.fixedOutput(type(), candidate, "offsets", cells * 4L, MLSD);
        Tensor scoresTensor = Tensor.allocate(ElementType.FLOAT32, s.shape());
        Tensor offsetsTensor = Tensor.allocate(ElementType.FLOAT32, o.shape());
        scores = scoresTensor.floats();
        offsets = offsetsTensor.floats();
        outputs = Map.of(s.name(), scoresTensor, o.name(), offsetsTensor);
        order = new int[cells];
        writer = new ImageInputWriter(image, ImageInputWriter.Sampling.NEAREST, ImageInputWriter.Padding.EDGE);
    }

    @Override
    protected Frame transform(Frame frame) throws Exception {
        Letterbox box = writer.letterbox(frame, input);
        runInto(model(), inputs, outputs);
        List<Line> lines = decode(box);
        Frame out = writable(frame);
        out.meta(FrameMeta.LINES, new Lines(lines));
        return out;
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
}
