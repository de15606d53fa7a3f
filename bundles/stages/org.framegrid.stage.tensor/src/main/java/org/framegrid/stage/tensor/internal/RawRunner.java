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
import org.framegrid.api.frame.FrameTensor;
import org.framegrid.api.frame.Tensors;
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

/**
 * One {@code tensor} instance: the image input from the frame, the other inputs from the frame's tensors, the chosen
 * outputs attached.
 */
final class RawRunner extends ModelStage {

    private String outputsProperty;
    private int size;

    private ImageInputWriter writer;
    private List<TensorInfo> otherInputs;
    private List<String> wanted;

    RawRunner(StageModels models) {
        super(models);
    }

    @Override
    protected void configure(StageProperties properties) {
        outputsProperty = properties.getString("outputs");
        size = properties.getInt("size");
    }

    /** Checks that every input but the image can come from frame tensors and that the chosen outputs exist. */
    @Override
    protected void fit(StageModels.Loaded candidate) {
        TensorInfo imageInput = Signature.imageInput(type(), candidate);
        writer = new ImageInputWriter(candidate.model().descriptor().input());
        otherInputs = candidate.session().inputs().stream().filter(i -> !i.name().equals(imageInput.name()))
                .toList();
        for (TensorInfo other : otherInputs) {
            if (other.type() != ElementType.FLOAT32 || !other.isFixed()) {
                throw new IllegalArgumentException(Signature.what(type(), candidate) + " input " + other
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
                throw new IllegalArgumentException(Signature.what(type(), candidate) + " has no output '"
                        + name.strip() + "'; outputs: " + names);
            }
            chosen.add(name.strip());
        }
        wanted = List.copyOf(chosen);
    }

    @Override
    protected Frame transform(Frame frame) throws Exception {
        ImageInput spec = writer.spec();
        Tensor pixels = writer.input(InputSize.choose(spec.size(), frame.width(), frame.height(), size));
        writer.stretch(frame, pixels);
        Map<String, Tensor> inputs = new HashMap<>();
        inputs.put(spec.name(), pixels);
        Tensors attached = frame.meta(FrameMeta.TENSORS);
        for (TensorInfo other : otherInputs) {
            inputs.put(other.name(), fromFrame(attached, other));
        }
        Map<String, Tensor> outputs = run(model(), inputs, wanted);
        List<FrameTensor> added = new ArrayList<>();
        outputs.forEach((name, tensor) -> added.add(toFrame(name, tensor)));
        Frame out = writable(frame);
        out.meta(FrameMeta.TENSORS, (attached == null ? new Tensors(List.of()) : attached).with(added));
        return out;
    }

    private Tensor fromFrame(Tensors attached, TensorInfo info) {
        FrameTensor source = attached == null ? null : attached.items().stream()
                .filter(t -> t.name().equals(info.name())).findFirst().orElse(null);
        if (source == null) {
            throw new IllegalArgumentException(Signature.what(type(), model()) + " input " + info
                    + ": the frame has no tensor '" + info.name() + "' in its TENSORS metadata");
        }
        long[] shape = Arrays.stream(source.shape()).asLongStream().toArray();
        if (!Arrays.equals(shape, info.shape())) {
            throw new IllegalArgumentException(Signature.what(type(), model()) + " input " + info
                    + ": the frame's tensor '" + info.name() + "' has shape " + Arrays.toString(source.shape()));
        }
        Tensor tensor = Tensor.allocate(ElementType.FLOAT32, shape);
        ByteBuffer data = source.data().duplicate().order(ByteOrder.nativeOrder()).clear();
        tensor.data().put(data.limit(tensor.byteSize()));
        return tensor;
    }

    private static FrameTensor toFrame(String name, Tensor tensor) {
        if (tensor.type() != ElementType.FLOAT32) {
            throw new IllegalStateException(TensorProvider.TYPE + ": output " + name + " is " + tensor.type()
                    + "; frame tensors hold FLOAT32 only");
        }
        int[] shape = Arrays.stream(tensor.shape()).mapToInt(Math::toIntExact).toArray();
        return new FrameTensor(name, shape, tensor.data());
    }
}
