package org.framegrid.inference.onnx.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.InferenceException;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorInfo;
import org.framegrid.inference.api.TensorLayout;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * One ONNX Runtime session. Runs hold the read side of a lock and {@link #close()} takes the write side, so a
 * session is never freed under a running {@code run} (which would crash the JVM in native code); concurrent runs do
 * not block each other (ORT sessions are thread-safe).
 */
public final class OnnxModel implements LoadedModel {

    private final OrtEnvironment env;
    private final OrtSession session;
    private final ModelDescriptor descriptor;
    private final List<TensorInfo> inputs;
    private final List<TensorInfo> outputs;
    private final Map<String, TensorInfo> outputsByName = new HashMap<>();
    private final Consumer<OnnxModel> onClose;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final LongAdder runs = new LongAdder();
    private boolean closed;

    /** @throws InferenceException when the model's signature does not match the descriptor */
    public OnnxModel(OrtEnvironment env, OrtSession session, ModelDescriptor descriptor, Consumer<OnnxModel> onClose)
            throws InferenceException {
        this.env = env;
        this.session = session;
        this.descriptor = descriptor;
        this.onClose = onClose;
        try {
            inputs = OrtTypes.describe(session.getInputInfo());
            outputs = OrtTypes.describe(session.getOutputInfo());
        } catch (OrtException | IllegalArgumentException e) {
            throw mismatch("its inputs and outputs cannot be read: " + e.getMessage());
        }
        outputs.forEach(info -> outputsByName.put(info.name(), info));
        check();
    }

    /** The descriptor is what stages rely on, so a model that contradicts it is refused at load, not at frame 1. */
    private void check() throws InferenceException {
        ImageInput image = descriptor.input();
        TensorInfo input = inputs.stream().filter(info -> info.name().equals(image.name())).findFirst()
                .orElseThrow(() -> mismatch("the descriptor's input '" + image.name() + "' is not among the model's inputs "
                        + inputs));
        long[] shape = input.shape();
        if (shape.length != 4) {
            throw mismatch("input '" + image.name() + "' has rank " + shape.length + " " + Arrays.toString(shape)
                    + ", an image input needs rank 4 (" + image.layout() + ")");
        }
        boolean nchw = image.layout() == TensorLayout.NCHW;
        long channels = nchw ? shape[1] : shape[3];
        long height = nchw ? shape[2] : shape[1];
        long width = nchw ? shape[3] : shape[2];
        if (channels >= 0 && channels != image.colorOrder().channels()) {
            throw mismatch("input '" + image.name() + "' " + Arrays.toString(shape) + " has " + channels
                    + " channels in " + image.layout() + " layout, the descriptor's " + image.colorOrder() + " has "
                    + image.colorOrder().channels());
        }
        int ruleWidth = image.size().width();
        int ruleHeight = image.size().height();
        if ((ruleWidth > 0 && width >= 0 && width != ruleWidth) || (ruleHeight > 0 && height >= 0 && height != ruleHeight)) {
            throw mismatch("input '" + image.name() + "' " + Arrays.toString(shape) + " does not take the descriptor's "
                    + (ruleWidth > 0 ? ruleWidth : "*") + "x" + (ruleHeight > 0 ? ruleHeight : "*") + " images");
        }
        for (String name : descriptor.outputNames()) {
            if (!outputsByName.containsKey(name)) {
                throw mismatch("the descriptor's output '" + name + "' is not among the model's outputs " + outputs);
            }
        }
    }

    private InferenceException mismatch(String problem) {
        return new InferenceException("model " + descriptor.name() + " " + descriptor.version()
                + " does not match its descriptor: " + problem);
    }

    /** Runs once on zeros so the first real frame does not pay for ORT's lazy allocations; skipped when shapes are open. */
    public void warmUp() throws InferenceException {
        Map<String, Tensor> zeros = new HashMap<>();
        for (TensorInfo input : inputs) {
            long[] shape = input.shape();
            if (input.name().equals(descriptor.input().name()) && descriptor.input().size().isFixed()) {
                shape = descriptor.input().shape(descriptor.input().size().width(), descriptor.input().size().height());
            }
            if (Arrays.stream(shape).anyMatch(dim -> dim < 0)) {
                return;
            }
            zeros.put(input.name(), Tensor.allocate(input.type(), shape));
        }
        run(zeros, descriptor.outputNames());
    }

    /** @return the runs completed so far (the warm-up included) */
    public long runs() {
        return runs.sum();
    }

    @Override
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public List<TensorInfo> inputs() {
        return inputs;
    }

    @Override
    public List<TensorInfo> outputs() {
        return outputs;
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> in, List<String> wanted) throws InferenceException {
        for (String name : wanted) {
            if (!outputsByName.containsKey(name)) {
                throw new InferenceException("model " + descriptor.name() + " has no output '" + name + "'; outputs: "
                        + outputs);
            }
        }
        Set<String> names = new LinkedHashSet<>();
        for (TensorInfo output : outputs) {
            if (wanted.isEmpty() || wanted.contains(output.name())) {
                names.add(output.name()); // graph order, whatever the order asked in
            }
        }
        // Outputs whose shape is known up front are written by ORT straight into direct buffers we allocate
        // (pinned outputs, no copy); dynamic ones are copied out of ORT's memory once.
        Map<String, Tensor> pinned = new LinkedHashMap<>();
        for (String name : names) {
            TensorInfo info = outputsByName.get(name);
            if (info.isFixed()) {
                pinned.put(name, Tensor.allocate(info.type(), info.shape()));
            }
        }
        Map<String, Tensor> results = new LinkedHashMap<>();
        execute(in, names, pinned, result -> {
            for (String name : names) {
                Tensor out = pinned.get(name);
                results.put(name, out != null ? out : copy(name, result.get(name).orElseThrow()));
            }
        });
        return results;
    }

    @Override
    public void runInto(Map<String, Tensor> in, Map<String, Tensor> out) throws InferenceException {
        for (Map.Entry<String, Tensor> entry : out.entrySet()) {
            TensorInfo info = outputsByName.get(entry.getKey());
            if (info == null) {
                throw new InferenceException("model " + descriptor.name() + " has no output '" + entry.getKey()
                        + "'; outputs: " + outputs);
            }
            if (info.type() != entry.getValue().type()) {
                throw new InferenceException("model " + descriptor.name() + " output '" + info.name() + "' is "
                        + info.type() + ", the tensor given for it is " + entry.getValue().type());
            }
        }
        execute(in, out.keySet(), out, result -> {
        });
    }

    /** The shared path: validates and wraps inputs, pins outputs, runs under the read lock. */
    private void execute(Map<String, Tensor> in, Set<String> names, Map<String, Tensor> pinned,
            ResultHandler handler) throws InferenceException {
        List<OnnxTensor> created = new ArrayList<>();
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("model " + descriptor.name() + " " + descriptor.version() + " is closed");
            }
            Map<String, OnnxTensor> inputs = new HashMap<>();
            for (TensorInfo info : this.inputs) {
                Tensor tensor = in.get(info.name());
                if (tensor == null) {
                    throw new InferenceException("model " + descriptor.name() + ": no tensor for input '" + info.name()
                            + "' (" + info + ")");
                }
                check(info, tensor);
                inputs.put(info.name(), wrap(tensor, created));
            }
            Map<String, OnnxTensor> outputs = new HashMap<>();
            for (Map.Entry<String, Tensor> entry : pinned.entrySet()) {
                check(outputsByName.get(entry.getKey()), entry.getValue());
                outputs.put(entry.getKey(), wrap(entry.getValue(), created));
            }
            // ORT refuses a name that is both requested and pinned: request only the outputs it must allocate.
            Set<String> requested = new LinkedHashSet<>(names);
            requested.removeAll(outputs.keySet());
            try (OrtSession.Result result = session.run(inputs, requested, outputs)) {
                runs.increment();
                handler.accept(result);
            }
        } catch (OrtException e) {
            throw new InferenceException("model " + descriptor.name() + " " + descriptor.version() + " failed: "
                    + e.getMessage(), e);
        } finally {
            created.forEach(OnnxTensor::close);
            lock.readLock().unlock();
        }
    }

    private void check(TensorInfo info, Tensor tensor) throws InferenceException {
        long[] declared = info.shape();
        long[] actual = tensor.shape();
        boolean fits = declared.length == actual.length && tensor.type() == info.type();
        for (int i = 0; fits && i < declared.length; i++) {
            fits = declared[i] < 0 || declared[i] == actual[i];
        }
        if (!fits) {
            throw new InferenceException("model " + descriptor.name() + ": '" + info.name() + "' is " + info.type()
                    + " " + Arrays.toString(declared) + ", the tensor given is " + tensor);
        }
    }

    private OnnxTensor wrap(Tensor tensor, List<OnnxTensor> created) throws OrtException {
        // A direct buffer in native order is used in place by ORT: no copy of frame data.
        OnnxTensor wrapped = OnnxTensor.createTensor(env, tensor.data(), tensor.shape(), OrtTypes.toOrt(tensor.type()));
        created.add(wrapped);
        return wrapped;
    }

    private Tensor copy(String name, OnnxValue value) throws OrtException {
        if (!(value instanceof OnnxTensor tensor)) {
            throw new OrtException("output '" + name + "' is not a tensor: " + value.getInfo());
        }
        ai.onnxruntime.TensorInfo info = tensor.getInfo();
        Tensor out = Tensor.allocate(OrtTypes.fromOrt(info.type), info.getShape());
        out.data().put(tensor.getByteBuffer());
        return out;
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            session.close();
        } catch (OrtException e) {
            // Nothing a caller could do; the session's memory is lost either way.
        } finally {
            lock.writeLock().unlock();
            onClose.accept(this);
        }
    }

    @Override
    public String toString() {
        return "OnnxModel[" + descriptor.name() + " " + descriptor.version() + "]";
    }

    @FunctionalInterface
    private interface ResultHandler {
        void accept(OrtSession.Result result) throws OrtException;
    }
}
