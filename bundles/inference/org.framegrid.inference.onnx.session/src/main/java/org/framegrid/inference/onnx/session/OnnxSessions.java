package org.framegrid.inference.onnx.session;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.framegrid.inference.api.InferenceException;
import org.framegrid.inference.api.InferenceOptions;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.ModelSession;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;

/**
 * What every ONNX backend does with a model, whatever device it runs on: session options from the
 * {@link InferenceOptions} plus the backend's execution provider, a session from bytes or a file, the warm-up run,
 * and closing the models still open when the backend goes (so a bundle update leaves no native session behind).
 */
public final class OnnxSessions {

    /** Adds a backend's execution provider to new session options; ORT's CPU kernels need none. */
    @FunctionalInterface
    public interface Provider {
        void addTo(SessionOptions options) throws OrtException;
    }

    private final String backend;
    private final Provider provider;
    private final Set<OnnxModel> open = ConcurrentHashMap.newKeySet();

    /**
     * @param backend  the backend's name, for error messages
     * @param provider what the backend adds to every session's options
     */
    public OnnxSessions(String backend, Provider provider) {
        this.backend = backend;
        this.provider = provider;
    }

    /** Loads {@code model} from memory: a direct buffer is read in place, a heap buffer's array passed as is. */
    public LoadedModel load(OrtEnvironment env, ByteBuffer model, ModelDescriptor descriptor, InferenceOptions options)
            throws InferenceException {
        try (SessionOptions session = sessionOptions(options)) {
            OrtSession created = model.isDirect() ? env.createSession(model.duplicate(), session)
                    : env.createSession(heapBytes(model), session);
            return register(env, created, descriptor, options);
        } catch (OrtException e) {
            throw new InferenceException("model " + descriptor.name() + " " + descriptor.version()
                    + " cannot be loaded by " + backend + ": " + e.getMessage(), e);
        }
    }

    /** Loads {@code model} from a file. */
    public LoadedModel load(OrtEnvironment env, Path model, ModelDescriptor descriptor, InferenceOptions options)
            throws InferenceException {
        if (!Files.isRegularFile(model)) {
            throw new InferenceException("model " + descriptor.name() + ": no such file " + model);
        }
        try (SessionOptions session = sessionOptions(options)) {
            return register(env, env.createSession(model.toString(), session), descriptor, options);
        } catch (OrtException e) {
            throw new InferenceException("model " + descriptor.name() + " " + descriptor.version() + " (" + model
                    + ") cannot be loaded by " + backend + ": " + e.getMessage(), e);
        }
    }

    /**
     * ORT's settings for the threads it keeps on the host, then the backend's execution provider. The caller closes
     * the options (ORT copies them into each session it creates).
     */
    public SessionOptions sessionOptions(InferenceOptions options) throws OrtException {
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
            provider.addTo(session);
            return session;
        } catch (OrtException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** @return every model still open, with the runs it completed */
    public List<ModelSession> sessions() {
        return open.stream().map(m -> new ModelSession(m.descriptor().name(), m.descriptor().version(), m.runs()))
                .toList();
    }

    /** Closes every model still open; the backend calls it when it deactivates. */
    public void closeAll() {
        open.forEach(OnnxModel::close);
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
                model.warmUp(); // the first run allocates, and a GPU provider picks its kernels
            } catch (InferenceException e) {
                model.close();
                throw e;
            }
        }
        return model;
    }

    private static byte[] heapBytes(ByteBuffer model) {
        ByteBuffer view = model.duplicate();
        if (view.hasArray() && view.arrayOffset() == 0 && view.position() == 0
                && view.remaining() == view.array().length) {
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
