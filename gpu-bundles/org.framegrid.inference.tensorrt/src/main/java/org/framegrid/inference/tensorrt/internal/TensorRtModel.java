package org.framegrid.inference.tensorrt.internal;

import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;
import static org.bytedeco.cuda.global.cudart.cudaMalloc;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyAsync;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyDeviceToHost;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyHostToDevice;
import static org.bytedeco.cuda.global.cudart.cudaStreamCreate;
import static org.bytedeco.cuda.global.cudart.cudaStreamDestroy;
import static org.bytedeco.cuda.global.cudart.cudaStreamSynchronize;
import static org.bytedeco.cuda.global.cudart.cudaSuccess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorrt.global.nvinfer.TensorIOMode;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.bytedeco.tensorrt.nvinfer.IExecutionContext;
import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.InferenceException;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorInfo;

/**
 * One TensorRT engine with its execution context, CUDA stream and device buffers. A run copies the inputs to the
 * device, enqueues the engine on the model's own stream, copies the outputs back and waits for the stream: the host
 * copies are there because frames arrive in, and stages read results from, host memory.
 *
 * <p>One context and one stream per model, so runs are serialised by a lock (concurrent callers queue; load the model
 * twice for parallel streams). {@link #close()} takes the same lock, so nothing is freed under a running enqueue.
 */
final class TensorRtModel implements LoadedModel {

    private final ICudaEngine engine;
    private final IExecutionContext context;
    private final CUstream_st stream = new CUstream_st();
    private final ModelDescriptor descriptor;
    private final List<TensorInfo> inputs = new ArrayList<>();
    private final List<TensorInfo> outputs = new ArrayList<>();
    private final Map<String, Pointer> deviceBuffers = new HashMap<>();
    private final Map<String, Long> deviceBytes = new HashMap<>();
    private final Consumer<TensorRtModel> onClose;
    private final ReentrantLock lock = new ReentrantLock();
    private final LongAdder runs = new LongAdder();
    private boolean closed;

    TensorRtModel(ICudaEngine engine, ModelDescriptor descriptor, Consumer<TensorRtModel> onClose)
            throws InferenceException {
        this.engine = engine;
        this.descriptor = descriptor;
        this.onClose = onClose;
        for (int i = 0; i < engine.getNbIOTensors(); i++) {
            String name = engine.getIOTensorName(i);
            ElementType type = TrtTypes.fromTrt(engine.getTensorDataType(name));
            if (type == null) {
                throw new InferenceException("model " + descriptor.name() + ": tensor '" + name + "' is "
                        + engine.getTensorDataType(name) + ", which the inference API does not carry");
            }
            TensorInfo info = new TensorInfo(name, type, TrtTypes.shape(engine.getTensorShape(name)));
            (engine.getTensorIOMode(name) == TensorIOMode.kINPUT ? inputs : outputs).add(info);
        }
        if (inputs.stream().noneMatch(info -> info.name().equals(descriptor.input().name()))) {
            throw new InferenceException("model " + descriptor.name() + " does not match its descriptor: input '"
                    + descriptor.input().name() + "' is not among the engine's inputs " + inputs);
        }
        for (String name : descriptor.outputNames()) {
            if (outputs.stream().noneMatch(info -> info.name().equals(name))) {
                throw new InferenceException("model " + descriptor.name() + " does not match its descriptor: output '"
                        + name + "' is not among the engine's outputs " + outputs);
            }
        }
        context = engine.createExecutionContext();
        check(cudaStreamCreate(stream), "cudaStreamCreate");
    }

    /** @return the runs completed so far (the warm-up included) */
    long runs() {
        return runs.sum();
    }

    @Override
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public List<TensorInfo> inputs() {
        return List.copyOf(inputs);
    }

    @Override
    public List<TensorInfo> outputs() {
        return List.copyOf(outputs);
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> in, List<String> wanted) throws InferenceException {
        lock.lock();
        try {
            ensureOpen();
            bindInputs(in);
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (TensorInfo info : outputs) {
                if (wanted.isEmpty() || wanted.contains(info.name())) {
                    out.put(info.name(), Tensor.allocate(info.type(), TrtTypes.shape(context.getTensorShape(info.name()))));
                }
            }
            for (String name : wanted) {
                if (!out.containsKey(name)) {
                    throw new InferenceException("model " + descriptor.name() + " has no output '" + name + "'; outputs: "
                            + outputs);
                }
            }
            execute(out);
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void runInto(Map<String, Tensor> in, Map<String, Tensor> out) throws InferenceException {
        lock.lock();
        try {
            ensureOpen();
            bindInputs(in);
            for (Map.Entry<String, Tensor> entry : out.entrySet()) {
                TensorInfo info = outputs.stream().filter(o -> o.name().equals(entry.getKey())).findFirst()
                        .orElseThrow(() -> new InferenceException("model " + descriptor.name() + " has no output '"
                                + entry.getKey() + "'; outputs: " + outputs));
                long[] shape = TrtTypes.shape(context.getTensorShape(info.name()));
                if (entry.getValue().type() != info.type() || !Arrays.equals(shape, entry.getValue().shape())) {
                    throw new InferenceException("model " + descriptor.name() + ": output '" + info.name() + "' is "
                            + info.type() + " " + Arrays.toString(shape) + ", the tensor given is " + entry.getValue());
                }
            }
            execute(out);
        } finally {
            lock.unlock();
        }
    }

    /** Copies each input to its device buffer (on the stream) and sets the context's input shapes. */
    private void bindInputs(Map<String, Tensor> in) throws InferenceException {
        for (TensorInfo info : inputs) {
            Tensor tensor = in.get(info.name());
            if (tensor == null) {
                throw new InferenceException("model " + descriptor.name() + ": no tensor for input '" + info.name()
                        + "' (" + info + ")");
            }
            long[] declared = info.shape();
            long[] actual = tensor.shape();
            boolean fits = tensor.type() == info.type() && declared.length == actual.length;
            for (int i = 0; fits && i < declared.length; i++) {
                fits = declared[i] < 0 || declared[i] == actual[i];
            }
            if (!fits || !context.setInputShape(info.name(), TrtTypes.dims(actual))) {
                throw new InferenceException("model " + descriptor.name() + ": '" + info.name() + "' is " + info.type()
                        + " " + Arrays.toString(declared) + " (within the engine's profile), the tensor given is "
                        + tensor);
            }
            Pointer device = deviceBuffer(info.name(), tensor.byteSize());
            check(cudaMemcpyAsync(device, new Pointer(tensor.data()), tensor.byteSize(), cudaMemcpyHostToDevice,
                    stream), "cudaMemcpyAsync to the device");
        }
    }

    /** Enqueues the engine and copies {@code out} back; returns once the stream has finished. */
    private void execute(Map<String, Tensor> out) throws InferenceException {
        for (TensorInfo info : outputs) {
            long[] shape = TrtTypes.shape(context.getTensorShape(info.name()));
            long bytes = Tensor.elementCount(shape) * info.type().bytes();
            // Every output needs an address, wanted or not: TensorRT writes them all.
            context.setTensorAddress(info.name(), deviceBuffer(info.name(), bytes));
        }
        for (TensorInfo info : inputs) {
            context.setTensorAddress(info.name(), deviceBuffers.get(info.name()));
        }
        if (!context.enqueueV3(stream)) {
            throw new InferenceException("model " + descriptor.name() + ": TensorRT could not enqueue the engine");
        }
        for (Map.Entry<String, Tensor> entry : out.entrySet()) {
            Tensor tensor = entry.getValue();
            check(cudaMemcpyAsync(new Pointer(tensor.data()), deviceBuffers.get(entry.getKey()), tensor.byteSize(),
                    cudaMemcpyDeviceToHost, stream), "cudaMemcpyAsync to the host");
        }
        check(cudaStreamSynchronize(stream), "cudaStreamSynchronize");
        runs.increment();
    }

    /** The device buffer of {@code name}, grown to at least {@code bytes}. */
    private Pointer deviceBuffer(String name, long bytes) throws InferenceException {
        Pointer buffer = deviceBuffers.get(name);
        if (buffer != null && deviceBytes.get(name) >= bytes) {
            return buffer;
        }
        if (buffer != null) {
            check(cudaStreamSynchronize(stream), "cudaStreamSynchronize");
            cudaFree(buffer);
        }
        Pointer fresh = new Pointer();
        check(cudaMalloc(fresh, Math.max(bytes, 1)), "cudaMalloc of " + bytes + " bytes for '" + name + "'");
        deviceBuffers.put(name, fresh);
        deviceBytes.put(name, bytes);
        return fresh;
    }

    private void check(int status, String what) throws InferenceException {
        if (status != cudaSuccess) {
            throw new InferenceException("model " + descriptor.name() + ": " + what + " failed: "
                    + cudaGetErrorString(status).getString() + " (" + status + ")");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("model " + descriptor.name() + " " + descriptor.version() + " is closed");
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            cudaStreamSynchronize(stream);
            deviceBuffers.values().forEach(buffer -> cudaFree(buffer));
            deviceBuffers.clear();
            cudaStreamDestroy(stream);
            context.close();
            engine.close();
        } finally {
            lock.unlock();
            onClose.accept(this);
        }
    }

    @Override
    public String toString() {
        return "TensorRtModel[" + descriptor.name() + " " + descriptor.version() + "]";
    }
}
