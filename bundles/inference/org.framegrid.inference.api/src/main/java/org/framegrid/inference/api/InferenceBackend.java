package org.framegrid.inference.api;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * A runtime that loads models and runs them on one kind of device (for example ONNX Runtime on the CPU). Registered
 * as an OSGi service by backend bundles; stages pick one by {@link #name()} or {@link #deviceKind()}, which are also
 * the service properties {@value #NAME_PROPERTY} and {@value #DEVICE_PROPERTY}.
 *
 * <p>Thread-safe: models may be loaded concurrently. Loading blocks for as long as the runtime needs (native
 * library load, graph optimisation, warm-up: milliseconds to seconds), so never call it from {@code @Activate} or a
 * frame thread.
 */
@org.osgi.annotation.versioning.ProviderType
public interface InferenceBackend {

    /** Service property carrying {@link #name()}. */
    String NAME_PROPERTY = "framegrid.inference.backend";
    /** Service property carrying {@link #deviceKind()}'s name. */
    String DEVICE_PROPERTY = "framegrid.inference.device";

    /** @return a stable name, for example {@code onnxruntime-cpu} */
    String name();

    DeviceKind deviceKind();

    /**
     * Loads a model from its serialised bytes.
     *
     * @param model      the model file's bytes; read during the call only, never kept (a heap or direct buffer)
     * @param descriptor what the model is; its input and output names are checked against the model's signature
     * @param options    session options
     * @return the loaded model, which the caller owns and must {@link LoadedModel#close() close}
     * @throws InferenceException when the bytes are not a model this backend can load, or the model's inputs and
     *                            outputs do not match the descriptor
     */
    LoadedModel load(ByteBuffer model, ModelDescriptor descriptor, InferenceOptions options) throws InferenceException;

    /**
     * Loads a model from a file. Same contract as {@link #load(ByteBuffer, ModelDescriptor, InferenceOptions)}.
     *
     * @throws InferenceException also when the file cannot be read
     */
    LoadedModel load(Path model, ModelDescriptor descriptor, InferenceOptions options) throws InferenceException;

    /**
     * The models this backend holds loaded now, one entry per {@link LoadedModel} not yet closed (two stage instances
     * of one model are two entries): what the node's operator view calls warm. Fast, never blocks on a load or a run.
     *
     * @return the open sessions, in no particular order; never {@code null}
     * @since 1.1
     */
    List<ModelSession> sessions();
}
