package org.framegrid.inference.onnx.session;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import org.framegrid.inference.api.DeviceKind;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.inference.api.InferenceException;
import org.framegrid.inference.api.InferenceOptions;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.ModelSession;

import ai.onnxruntime.OrtEnvironment;

/**
 * An inference backend whose models are ONNX Runtime sessions: its name, device kind and loading are the same on every
 * device. A backend says how ORT's environment is reached (the CPU backend loads the native library itself, the GPU
 * backend finds it loaded by its probe) and which execution provider every session gets.
 */
public abstract class OnnxSessionBackend implements InferenceBackend {

    private final String name;
    private final DeviceKind deviceKind;
    private final OnnxSessions sessions;

    /**
     * @param name       the backend's name (its {@link InferenceBackend#NAME_PROPERTY})
     * @param deviceKind where its models run
     * @param provider   what it adds to every session's options
     */
    protected OnnxSessionBackend(String name, DeviceKind deviceKind, OnnxSessions.Provider provider) {
        this.name = name;
        this.deviceKind = deviceKind;
        this.sessions = new OnnxSessions(name, provider);
    }

    /** @return ORT's environment, once its native library is loaded */
    protected abstract OrtEnvironment environment() throws InferenceException;

    /** @return the sessions of this backend's models */
    protected final OnnxSessions onnxSessions() {
        return sessions;
    }

    @Override
    public final List<ModelSession> sessions() {
        return sessions.sessions();
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final DeviceKind deviceKind() {
        return deviceKind;
    }

    @Override
    public final LoadedModel load(ByteBuffer model, ModelDescriptor descriptor, InferenceOptions options)
            throws InferenceException {
        return sessions.load(environment(), model, descriptor, options);
    }

    @Override
    public final LoadedModel load(Path model, ModelDescriptor descriptor, InferenceOptions options)
            throws InferenceException {
        return sessions.load(environment(), model, descriptor, options);
    }
}
