package org.framegrid.inference.onnx.gpu.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import org.framegrid.inference.api.DeviceKind;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.inference.api.InferenceException;
import org.framegrid.inference.api.InferenceOptions;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.onnx.session.OnnxModel;
import org.framegrid.inference.onnx.session.OrtTypes;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.providers.OrtTensorRTProviderOptions;

/**
 * The GPU inference backend on ONNX Runtime GPU: each model runs on the TensorRT execution provider where TensorRT
 * is installed and takes the graph, on the CUDA EP for the rest, and on the CPU for what neither supports.
 *
 * <p>Disabled until {@link CudaProbe} has seen the CUDA EP run on a device, so it is never registered on a machine
 * without one; there the CPU backend (ranking 0) serves inference. Where it is registered, its higher
 * {@code service.ranking} makes stages' greedy references pick it.
 *
 * <p>TensorRT engines are cached on disk ({@code tensorrt.cache.dir}, default {@code ${framegrid.home}/cache/tensorrt}),
 * named by model and version and keyed by ORT on the graph and input shapes, so an engine is built once per model
 * and shape, not on every start. Loading a model builds its engine during warm-up (seconds to minutes the first
 * time), which {@link InferenceBackend#load} allows.
 */
@Component(name = GpuOnnxBackend.PID, enabled = false, service = InferenceBackend.class,
        property = {InferenceBackend.NAME_PROPERTY + "=" + GpuOnnxBackend.NAME,
                InferenceBackend.DEVICE_PROPERTY + "=GPU",
                "service.ranking:Integer=" + GpuOnnxBackend.RANKING})
@Designate(ocd = GpuOnnxBackend.Config.class)
public final class GpuOnnxBackend implements InferenceBackend {

    static final String PID = "org.framegrid.inference.onnx.gpu";
    static final String NAME = "onnxruntime-gpu";
    /** Above the CPU backend, which registers without a ranking (0). */
    static final int RANKING = 100;

    private static final Logger LOG = Logger.getLogger(GpuOnnxBackend.class.getName());

    @ObjectClassDefinition(name = "Framegrid ONNX Runtime GPU backend",
            description = "CUDA and TensorRT execution providers of ONNX Runtime GPU 1.29 (CUDA 12, cuDNN 9, TensorRT 10)")
    public @interface Config {

        @AttributeDefinition(description = "CUDA device ordinal the models run on (and the probe checks)")
        int device_id() default 0;

        @AttributeDefinition(description = "Put the TensorRT EP before the CUDA EP when TensorRT 10 is installed")
        boolean tensorrt() default true;

        @AttributeDefinition(description = "Let TensorRT build fp16 engines (faster, slightly different outputs)")
        boolean tensorrt_fp16() default false;

        @AttributeDefinition(description = "Folder for TensorRT engine and timing caches; empty means "
                + "${framegrid.home}/cache/tensorrt, or framegrid-tensorrt in the temporary folder outside a node")
        String tensorrt_cache_dir() default "";
    }

    private final Config config;
    private final Path cacheDir;
    private final Set<OnnxModel> open = ConcurrentHashMap.newKeySet();
    /** Why the TensorRT EP cannot be used, once known; "" while it can. */
    private volatile String tensorrtUnavailable;

    @Activate
    public GpuOnnxBackend(BundleContext context, Config config) {
        this.config = config;
        String home = context == null ? null : context.getProperty("framegrid.home");
        this.cacheDir = !config.tensorrt_cache_dir().isBlank() ? Path.of(config.tensorrt_cache_dir())
                : home != null ? Path.of(home, "cache", "tensorrt")
                : Path.of(System.getProperty("java.io.tmpdir"), "framegrid-tensorrt");
        this.tensorrtUnavailable = config.tensorrt() ? null : "switched off (tensorrt=false)";
    }

    @Deactivate
    void deactivate() {
        open.forEach(OnnxModel::close);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DeviceKind deviceKind() {
        return DeviceKind.GPU;
    }

    /** @return the folder TensorRT engines are cached in */
    Path cacheDir() {
        return cacheDir;
    }

    /** @return whether models get the TensorRT EP (known after the first load) */
    boolean usesTensorrt() {
        return "".equals(tensorrtUnavailable);
    }

    @Override
    public LoadedModel load(ByteBuffer model, ModelDescriptor descriptor, InferenceOptions options)
            throws InferenceException {
        OrtEnvironment env = environment();
        List<AutoCloseable> providers = new ArrayList<>();
        try (SessionOptions session = sessionOptions(options, descriptor, providers)) {
            OrtSession created = model.isDirect() ? env.createSession(model.duplicate(), session)
                    : env.createSession(heapBytes(model), session);
            return register(env, created, descriptor, options);
        } catch (OrtException e) {
            throw new InferenceException("model " + descriptor.name() + " " + descriptor.version()
                    + " cannot be loaded by " + NAME + ": " + e.getMessage(), e);
        } finally {
            closeAll(providers);
        }
    }

    @Override
    public LoadedModel load(Path model, ModelDescriptor descriptor, InferenceOptions options)
            throws InferenceException {
        if (!Files.isRegularFile(model)) {
            throw new InferenceException("model " + descriptor.name() + ": no such file " + model);
        }
        OrtEnvironment env = environment();
        List<AutoCloseable> providers = new ArrayList<>();
        try (SessionOptions session = sessionOptions(options, descriptor, providers)) {
            return register(env, env.createSession(model.toString(), session), descriptor, options);
        } catch (OrtException e) {
            throw new InferenceException("model " + descriptor.name() + " " + descriptor.version() + " (" + model
                    + ") cannot be loaded by " + NAME + ": " + e.getMessage(), e);
        } finally {
            closeAll(providers);
        }
    }

    private LoadedModel register(OrtEnvironment env, OrtSession session, ModelDescriptor descriptor,
            InferenceOptions options) throws InferenceException {
        OnnxModel model;
        try {
            model = new OnnxModel(env, session, descriptor, open::remove);
        } catch (InferenceException | RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
        open.add(model);
        if (options.warmUp()) {
            try {
                model.warmUp(); // with TensorRT: builds the engine, or reads it from the cache
            } catch (InferenceException e) {
                model.close();
                throw e;
            }
        }
        return model;
    }

    private static OrtEnvironment environment() throws InferenceException {
        try {
            // Already loaded by the probe, which enabled this component: a lookup, not a load.
            return OrtEnvironment.getEnvironment();
        } catch (LinkageError e) {
            throw new InferenceException(NAME + ": the ONNX Runtime native library did not load: " + e, e);
        }
    }

    /**
     * The CPU backend's settings for the threads ORT keeps on the host, then TensorRT (first, so that it takes every
     * node it can) and CUDA. Provider options are added to {@code providers} for the caller to close after the
     * session is created (ORT copies them; SessionOptions does not close them).
     */
    SessionOptions sessionOptions(InferenceOptions options, ModelDescriptor descriptor,
            List<AutoCloseable> providers) throws OrtException {
        SessionOptions session = new SessionOptions();
        try {
            session.setOptimizationLevel(OrtTypes.toOrt(options.optimization()));
            if (options.intraOpThreads() > 0) {
                session.setIntraOpNumThreads(options.intraOpThreads());
            }
            if (!options.spinning()) {
                session.addConfigEntry("session.intra_op.allow_spinning", "0");
                session.addConfigEntry("session.inter_op.allow_spinning", "0");
            }
            if (options.interOpThreads() > 0) {
                session.setExecutionMode(SessionOptions.ExecutionMode.PARALLEL);
                session.setInterOpNumThreads(options.interOpThreads());
            }
            addTensorrt(session, descriptor, providers);
            session.addCUDA(config.device_id());
            return session;
        } catch (OrtException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private void addTensorrt(SessionOptions session, ModelDescriptor descriptor, List<AutoCloseable> providers) {
        if (tensorrtUnavailable == null) {
            List<String> missing = SharedLibraries.missing(SharedLibraries.TENSORRT_EP);
            if (!missing.isEmpty()) {
                unavailable(String.join(", ", missing) + " not found");
            }
        }
        if (tensorrtUnavailable != null && !tensorrtUnavailable.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(cacheDir);
            OrtTensorRTProviderOptions trt = new OrtTensorRTProviderOptions(config.device_id());
            providers.add(trt);
            trt.add("trt_engine_cache_enable", "1");
            trt.add("trt_engine_cache_path", cacheDir.toString());
            // ORT names cached engines by a hash of the graph; the prefix keeps models apart for people and `ls`.
            trt.add("trt_engine_cache_prefix", (descriptor.name() + "-" + descriptor.version())
                    .replaceAll("[^A-Za-z0-9._-]", "_"));
            trt.add("trt_timing_cache_enable", "1");
            trt.add("trt_timing_cache_path", cacheDir.toString());
            trt.add("trt_fp16_enable", config.tensorrt_fp16() ? "1" : "0");
            session.addTensorrt(trt);
            tensorrtUnavailable = "";
        } catch (OrtException | IOException e) {
            unavailable(e.getMessage());
        }
    }

    private void unavailable(String reason) {
        tensorrtUnavailable = reason;
        LOG.info(NAME + ": TensorRT EP unavailable (" + reason + "): models run on the CUDA EP");
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // provider options only hold native memory; nothing to report after a load
            }
        }
    }

    private static byte[] heapBytes(ByteBuffer model) {
        ByteBuffer view = model.duplicate();
        if (view.hasArray() && view.arrayOffset() == 0 && view.position() == 0 && view.remaining() == view.array().length) {
            return view.array();
        }
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException ignored) {
            // already failing; the original error is the one to report
        }
    }
}
