package org.framegrid.stage.tensor.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.Tensors;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorInfo;
import org.framegrid.stage.model.StageModels;
import org.framegrid.stage.vision.InputSize;
import org.framegrid.stage.vision.RgbImage;
import org.framegrid.stage.vision.Signature;
import org.framegrid.stage.vision.TensorWriter;

/** One {@code tensor} instance. */
final class RawRunner implements Stage {

    private final StageModels models;
    private StageContext context;
    private String modelName;
    private String outputsProperty;
    private int size;
    private int threads;

    private StageModels.Loaded loaded;
    private TensorWriter writer;
    private List<TensorInfo> otherInputs;
    private List<String> wanted;
    private final RgbImage image = new RgbImage();
    private long bypassed;

    RawRunner(StageModels models) {
        this.models = models;
    }

    @Override
    public void configure(StageContext context, StageProperties properties) {
        this.context = context;
        if (context.inputFormat() != null && !RgbImage.accepts(context.inputFormat())) {
            throw new IllegalArgumentException(TensorStage.TYPE + " reads RGB24, BGR24 or RGBA frames, not "
                    + context.inputFormat());
        }
        modelName = properties.getString("model");
        outputsProperty = properties.getString("outputs");
        size = properties.getInt("size");
        threads = properties.getInt("threads");
    }

    @Override
    public void update(StageProperties properties) {
        // No live properties.
    }

    @Override
    public void start() throws Exception {
        loaded = models.load(context, modelName, threads, candidate -> {
            TensorInfo imageInput = Signature.imageInput(TensorStage.TYPE, candidate);
            writer = new TensorWriter(candidate.model().descriptor().input());
            otherInputs = candidate.session().inputs().stream().filter(i -> !i.name().equals(imageInput.name()))
                    .toList();
            for (TensorInfo other : otherInputs) {
                if (other.type() != ElementType.FLOAT32 || !other.isFixed()) {
                    throw new IllegalArgumentException(Signature.what(TensorStage.TYPE, candidate) + " input " + other
                            + ": only FLOAT32 inputs of fixed shape can come from frame tensors");
                }
            }
            Set<String> names = new LinkedHashSet<>();
            candidate.session().outputs().forEach(o -> names.add(o.name()));
            List<String> chosen = new ArrayList<>();
            for (String name : outputsProperty.split(",")) {
                if (name.isBlank()) {
                    continue;
                }
                if (!names.contains(name.strip())) {
                    throw new IllegalArgumentException(Signature.what(TensorStage.TYPE, candidate) + " has no output '"
                            + name.strip() + "'; outputs: " + names);
                }
                chosen.add(name.strip());
            }
            wanted = List.copyOf(chosen);
        });
    }

    @Override
    public Frame process(Frame frame) throws Exception {
        image.read(frame);
        ImageInput spec = writer.spec();
        InputSize in = InputSize.choose(spec.size(), frame.width(), frame.height(), size);
        Tensor pixels = Tensor.allocate(ElementType.FLOAT32, spec.shape(in.width(), in.height()));
        writer.write(image, in.width(), in.height(), pixels.floats());
        Map<String, Tensor> inputs = new HashMap<>();
        inputs.put(spec.name(), pixels);
        Tensors attached = frame.meta(FrameMeta.TENSORS);
        for (TensorInfo other : otherInputs) {
            inputs.put(other.name(), fromFrame(attached, other));
        }
        Map<String, Tensor> outputs;
        try {
            outputs = loaded.session().run(inputs, wanted);
        } catch (IllegalStateException closed) {
            bypassed++; // the backend closed the model under us: the stream goes on without tensors
            return frame;
        }
        Map<String, org.framegrid.api.frame.FrameTensor> byName = new java.util.LinkedHashMap<>();
        if (attached != null) {
            attached.items().forEach(t -> byName.put(t.name(), t));
        }
        for (Map.Entry<String, Tensor> e : outputs.entrySet()) {
            byName.remove(e.getKey());
            byName.put(e.getKey(), toFrame(e.getKey(), e.getValue()));
        }
        Frame out = frame.refCount() > 1 ? context.pool().copyOf(frame) : frame;
        out.meta(FrameMeta.TENSORS, new Tensors(new ArrayList<>(byName.values())));
        return out;
    }

    private Tensor fromFrame(Tensors attached, TensorInfo info) {
        org.framegrid.api.frame.FrameTensor source = attached == null ? null : attached.items().stream()
                .filter(t -> t.name().equals(info.name())).findFirst().orElse(null);
        if (source == null) {
            throw new IllegalArgumentException(Signature.what(TensorStage.TYPE, loaded) + " input " + info
                    + ": the frame has no tensor '" + info.name() + "' in its TENSORS metadata");
        }
        long[] shape = Arrays.stream(source.shape()).asLongStream().toArray();
        if (!Arrays.equals(shape, info.shape())) {
            throw new IllegalArgumentException(Signature.what(TensorStage.TYPE, loaded) + " input " + info
                    + ": the frame's tensor '" + info.name() + "' has shape " + Arrays.toString(source.shape()));
        }
        Tensor tensor = Tensor.allocate(ElementType.FLOAT32, shape);
        ByteBuffer data = source.data().duplicate().order(ByteOrder.nativeOrder()).clear();
        tensor.data().put(data.limit(tensor.byteSize()));
        return tensor;
    }

    private static org.framegrid.api.frame.FrameTensor toFrame(String name, Tensor tensor) {
        if (tensor.type() != ElementType.FLOAT32) {
            throw new IllegalStateException(TensorStage.TYPE + ": output " + name + " is " + tensor.type()
                    + "; frame tensors hold FLOAT32 only");
        }
        int[] shape = Arrays.stream(tensor.shape()).mapToInt(Math::toIntExact).toArray();
        return new org.framegrid.api.frame.FrameTensor(name, shape, tensor.data());
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
