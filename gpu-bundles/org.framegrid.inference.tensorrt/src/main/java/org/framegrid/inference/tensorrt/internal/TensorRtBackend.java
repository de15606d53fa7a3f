package org.framegrid.inference.tensorrt.internal;

import static org.bytedeco.cuda.global.cudart.cudaGetDeviceProperties;
import static org.bytedeco.cuda.global.cudart.cudaSetDevice;
import static org.bytedeco.cuda.global.cudart.cudaSuccess;
import static org.bytedeco.tensorrt.global.nvinfer.createInferRuntime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.bytedeco.tensorrt.nvinfer.ILogger;
import org.bytedeco.tensorrt.nvinfer.IRuntime;
import org.framegrid.inference.api.DeviceKind;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.inference.api.InferenceException;
import org.framegrid.inference.api.InferenceOptions;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.ModelSession;
import org.framegrid.inference.api.SizeRule;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorInfo;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The TensorRT backend: ONNX models become TensorRT engines (built once, cached on disk) that run on a CUDA stream per
 * model. Disabled until {@link TensorRtProbe} has found TensorRT 11, CUDA 13 and a device. Its ranking (50) is below
 * ONNX Runtime GPU's (100), because TensorRT alone refuses graphs with operators it lacks where ORT falls back to
 * CUDA or CPU kernels; a stage that wants it targets {@code (framegrid.inference.backend=tensorrt)}.
 */
@Component(name = TensorRtBackend.PID, enabled = false, service = InferenceBackend.class,
        property = {InferenceBackend.NAME_PROPERTY + "=" + TensorRtBackend.NAME,
                InferenceBackend.DEVICE_PROPERTY + "=GPU",
                "service.ranking:Integer=" + TensorRtBackend.RANKING})
@Designate(ocd = TensorRtBackend.Config.class)
public final class TensorRtBackend implements InferenceBackend {

    static final String PID = "org.framegrid.inference.tensorrt";
    static final String NAME = "tensorrt";
    static final int RANKING = 50;

    private static final Logger LOG = Logger.getLogger(TensorRtBackend.class.getName());

    @ObjectClassDefinition(name = "Framegrid TensorRT backend",
            description = "TensorRT 11 through the bytedeco presets (CUDA 13, cuDNN 9)")
    public @interface Config {

        @AttributeDefinition(description = "CUDA device ordinal the models run on (and the probe checks)")
        int device_id() default 0;

        @AttributeDefinition(description = "Folder for engines; empty means ${framegrid.home}/cache/tensorrt, or "
                + "framegrid-tensorrt in the temporary folder outside a node")
        String cache_dir() default "";

        @AttributeDefinition(description = "Smallest, usual and largest side of size-flexible image inputs: the "
                + "engine's optimisation profile (rounded up to the model's multiple)")
        int[] dynamic_sides() default {64, 512, 1920};
    }

    private final Config config;
    private final Path cacheDir;
    private final Set<TensorRtModel> open = ConcurrentHashMap.newKeySet();
    /** Made with the runtime: creating any preset object loads TensorRT's natives, which activation must not do. */
    private ILogger logger;
    private volatile EngineBuilder builder;
    private volatile IRuntime runtime;

    @Activate
    public TensorRtBackend(BundleContext context, Config config) {
        this.config = config;
        String home = context == null ? null : context.getProperty("framegrid.home");
        this.cacheDir = !config.cache_dir().isBlank() ? Path.of(config.cache_dir())
                : home != null ? Path.of(home, "cache", "tensorrt")
                : Path.of(System.getProperty("java.io.tmpdir"), "framegrid-tensorrt");
    }

    @Override
    public List<ModelSession> sessions() {
        return open.stream().map(m -> new ModelSession(m.descriptor().name(), m.descriptor().version(), m.runs()))
                .toList();
    }

    @Deactivate
    void deactivate() {
        open.forEach(TensorRtModel::close);
        IRuntime current = runtime;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DeviceKind deviceKind() {
        return DeviceKind.GPU;
    }

    Path cacheDir() {
        return cacheDir;
    }

    @Override
    public LoadedModel load(ByteBuffer model, ModelDescriptor descriptor, InferenceOptions options)
            throws InferenceException {
        byte[] bytes = new byte[model.remaining()];
        model.duplicate().get(bytes);
        return load(bytes, descriptor, options);
    }

    @Override
    public LoadedModel load(Path model, ModelDescriptor descriptor, InferenceOptions options)
            throws InferenceException {
        try {
            return load(Files.readAllBytes(model), descriptor, options);
        } catch (IOException e) {
            throw new InferenceException("model " + descriptor.name() + ": cannot read " + model + ": " + e, e);
        }
    }

    private LoadedModel load(byte[] model, ModelDescriptor descriptor, InferenceOptions options)
            throws InferenceException {
        // CUDA's current device is per thread: every loading (and running) thread selects it.
        if (cudaSetDevice(config.device_id()) != cudaSuccess) {
            throw new InferenceException(NAME + ": CUDA device " + config.device_id() + " cannot be selected");
        }
        byte[] plan = builder().engine(model, descriptor, range(descriptor.input().size()));
        ICudaEngine engine;
        try (BytePointer serialized = new BytePointer(plan)) {
            engine = runtime.deserializeCudaEngine(serialized, plan.length);
        }
        if (engine == null || engine.isNull()) {
            throw new InferenceException("model " + descriptor.name() + ": TensorRT could not read its engine from "
                    + cacheDir + " (delete the file to rebuild it)");
        }
        TensorRtModel loaded;
        try {
            loaded = new TensorRtModel(engine, descriptor, open::remove);
        } catch (InferenceException | RuntimeException e) {
            engine.close();
            throw e;
        }
        open.add(loaded);
        if (options.warmUp() && descriptor.input().size().isFixed()) {
            warmUp(loaded, descriptor);
        }
        return loaded;
    }

    private void warmUp(TensorRtModel model, ModelDescriptor descriptor) throws InferenceException {
        Map<String, Tensor> zeros = new HashMap<>();
        for (TensorInfo input : model.inputs()) {
            long[] shape = input.name().equals(descriptor.input().name())
                    ? descriptor.input().shape(descriptor.input().size().width(), descriptor.input().size().height())
                    : input.shape();
            zeros.put(input.name(), Tensor.allocate(input.type(), shape));
        }
        try {
            model.run(zeros, descriptor.outputNames());
        } catch (InferenceException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private EngineBuilder.SideRange range(SizeRule rule) {
        int[] sides = config.dynamic_sides();
        if (sides.length != 3 || sides[0] < 1 || sides[0] > sides[1] || sides[1] > sides[2]) {
            throw new IllegalArgumentException(PID + ": dynamic.sides must be min <= opt <= max, all > 0; got "
                    + java.util.Arrays.toString(sides));
        }
        int step = rule.multipleOf();
        return new EngineBuilder.SideRange(roundUp(sides[0], step), roundUp(sides[1], step), roundUp(sides[2], step));
    }

    private static int roundUp(int side, int step) {
        return (side + step - 1) / step * step;
    }

    /** The runtime and builder, made on first use (the probe has already loaded the natives). */
    private synchronized EngineBuilder builder() {
        if (builder == null) {
            logger = new JulLogger();
            runtime = createInferRuntime(logger);
            cudaDeviceProp properties = new cudaDeviceProp();
            cudaGetDeviceProperties(properties, config.device_id());
            String device = properties.name().getString() + " sm" + properties.major() + properties.minor();
            builder = new EngineBuilder(logger, cacheDir, device);
        }
        return builder;
    }

    /** TensorRT's messages, warnings and up, into the node's log. */
    static final class JulLogger extends ILogger {

        @Override
        public void log(Severity severity, String message) {
            Level level = switch (severity) {
                case kINTERNAL_ERROR, kERROR -> Level.SEVERE;
                case kWARNING -> Level.WARNING;
                default -> Level.FINE;
            };
            LOG.log(level, "TensorRT: " + message);
        }
    }
}
