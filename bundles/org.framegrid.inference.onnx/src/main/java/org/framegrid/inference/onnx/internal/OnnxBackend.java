package org.framegrid.inference.onnx.internal;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

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

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;

/**
 * The CPU inference backend on ONNX Runtime. This bundle is the only one that loads ONNX Runtime's native library:
 * the ORT classes and the linux-x64 natives are embedded privately, side by side, because ORT extracts its natives
 * with {@code OnnxRuntime.class.getResourceAsStream}.
 *
 * <p>Activation is instant: the native library (about 30 MB, 0.2-0.4 s) is loaded on a thread of this component,
 * and {@link #load} waits for it. Models still open when the component deactivates are closed, so a bundle update
 * leaves no native session behind.
 */
@Component(name = "org.framegrid.inference.onnx", service = InferenceBackend.class,
        property = {InferenceBackend.NAME_PROPERTY + "=" + OnnxBackend.NAME,
                InferenceBackend.DEVICE_PROPERTY + "=CPU"})
public final class OnnxBackend implements InferenceBackend {

    static final String NAME = "onnxruntime-cpu";

    private final CompletableFuture<OrtEnvironment> environment = new CompletableFuture<>();
    private final Set<OnnxModel> open = ConcurrentHashMap.newKeySet();

    @Activate
    public OnnxBackend() {
        Thread loader = Thread.ofPlatform().name("framegrid-onnxruntime-load").daemon().unstarted(() -> {
            try {
                // ERROR level: ORT's warnings (unused initialisers in exported graphs) are noise for operators.
                environment.complete(OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "framegrid"));
            } catch (Throwable e) {
                // UnsatisfiedLinkError on a platform without bundled natives: reported by every load().
                environment.completeExceptionally(e);
            }
        });
        loader.start();
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
        return DeviceKind.CPU;
    }

    @Override
    public LoadedModel load(ByteBuffer model, ModelDescriptor descriptor, InferenceOptions options)
            throws InferenceException {
        OrtEnvironment env = environment();
        try (SessionOptions session = sessionOptions(options)) {
            // ORT reads a direct buffer in place; a heap buffer's array is passed as is (no extra copy either way).
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
                model.warmUp();
            } catch (InferenceException e) {
                model.close();
                throw e;
            }
        }
        return model;
    }

    private OrtEnvironment environment() throws InferenceException {
        try {
            return environment.get();
        } catch (ExecutionException e) {
            throw new InferenceException(NAME + ": the ONNX Runtime native library did not load: " + e.getCause(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceException(NAME + ": interrupted while the native library loaded", e);
        }
    }

    private static SessionOptions sessionOptions(InferenceOptions options) throws OrtException {
        SessionOptions session = new SessionOptions();
        try {
            session.setOptimizationLevel(OrtTypes.toOrt(options.optimization()));
            if (options.intraOpThreads() > 0) {
                session.setIntraOpNumThreads(options.intraOpThreads());
            }
            if (!options.spinning()) {
                // ORT's session config keys; its worker threads otherwise spin between runs.
                session.addConfigEntry("session.intra_op.allow_spinning", "0");
                session.addConfigEntry("session.inter_op.allow_spinning", "0");
            }
            if (options.interOpThreads() > 0) {
                session.setExecutionMode(SessionOptions.ExecutionMode.PARALLEL);
                session.setInterOpNumThreads(options.interOpThreads());
            }
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
