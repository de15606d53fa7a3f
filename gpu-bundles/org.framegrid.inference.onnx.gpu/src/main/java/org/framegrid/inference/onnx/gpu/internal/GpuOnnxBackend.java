package org.framegrid.inference.onnx.gpu.internal;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.framegrid.inference.api.DeviceKind;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.inference.api.InferenceException;
import org.framegrid.inference.api.InferenceOptions;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.onnx.session.OnnxModel;
import org.framegrid.inference.onnx.session.OrtTypes;
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

/**
 * The GPU inference backend on ONNX Runtime's CUDA execution provider: each model runs on the CUDA EP of the
 * configured device, and on the CPU for the few nodes the CUDA EP has no kernel for.
 *
 * <p>Disabled until {@link CudaProbe} has seen the CUDA EP run on a device, so it is never registered on a machine
 * without one; there the CPU backend (ranking 0) serves inference. Where it is registered, its higher
 * {@code service.ranking} makes stages' greedy references pick it.
 *
 * <p>TensorRT is the other GPU bundle's ({@code org.framegrid.inference.tensorrt}): no ONNX Runtime build for CUDA 13
 * with the TensorRT EP is published.
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

    @ObjectClassDefinition(name = "Framegrid ONNX Runtime GPU backend",
            description = "The CUDA execution provider of ONNX Runtime 1.28 (CUDA 13, cuDNN 9)")
    public @interface Config {

        @AttributeDefinition(description = "CUDA device ordinal the models run on (and the probe checks)")
        int device_id() default 0;
    }

    private final Config config;
    private final Set<OnnxModel> open = ConcurrentHashMap.newKeySet();

    @Activate
    public GpuOnnxBackend(Config config) {
        this.config = config;
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

    @Override
    public LoadedModel load(ByteBuffer model, ModelDescriptor descriptor, InferenceOptions options)
            throws InferenceException {
        OrtEnvironment env = environment();
        try (SessionOptions session = sessionOptions(options)) {
            OrtSession created = model.isDirect() ? env.createSession(model.duplicate(), session)
                    : env.createSession(heapBytes(model), session);
            return register(env, created, descriptor, options);
        } catch (OrtException e) {
            throw new InferenceException("model " + descriptor.name() + " " + descriptor.version()
                    + " cannot be loaded by " + NAME + ": " + e.getMessage(), e);
        }
    }

    @Override
    public LoadedModel load(Path model, ModelDescriptor descriptor, InferenceOptions options)
            throws InferenceException {
        if (!Files.isRegularFile(model)) {
            throw new InferenceException("model " + descriptor.name() + ": no such file " + model);
        }
        OrtEnvironment env = environment();
        try (SessionOptions session = sessionOptions(options)) {
            return register(env, env.createSession(model.toString(), session), descriptor, options);
        } catch (OrtException e) {
            throw new InferenceException("model " + descriptor.name() + " " + descriptor.version() + " (" + model
                    + ") cannot be loaded by " + NAME + ": " + e.getMessage(), e);
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
                model.warmUp(); // the CUDA EP picks its cuDNN convolution algorithms on the first run
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

    /** The CPU backend's settings for the threads ORT keeps on the host, then the CUDA EP on the configured device. */
    SessionOptions sessionOptions(InferenceOptions options) throws OrtException {
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
            session.addCUDA(config.device_id());
            return session;
        } catch (OrtException | RuntimeException e) {
            session.close();
            throw e;
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
