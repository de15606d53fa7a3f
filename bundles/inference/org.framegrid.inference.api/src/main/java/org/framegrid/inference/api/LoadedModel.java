package org.framegrid.inference.api;

import java.util.List;
import java.util.Map;

/**
 * A model loaded into a backend, ready to run. Owned by whoever loaded it.
 *
 * <p>Thread-safe: {@code run} may be called from several threads at once. {@link #close()} waits for runs in progress
 * to return and then frees the native resources; a {@code run} after {@code close} throws
 * {@link IllegalStateException}, never crashes the process, so a model can be unloaded under running streams.
 */
@org.osgi.annotation.versioning.ProviderType
public interface LoadedModel extends AutoCloseable {

    ModelDescriptor descriptor();

    /** @return the model's inputs in graph order, dynamic dimensions as {@code -1} */
    List<TensorInfo> inputs();

    /** @return the model's outputs in graph order, dynamic dimensions as {@code -1} */
    List<TensorInfo> outputs();

    /**
     * Runs the model. Inputs are read in place (no copy of direct buffers); outputs are returned in freshly allocated
     * direct buffers that the caller owns.
     *
     * @param inputs  a tensor for every input, by name
     * @param outputs the names of the outputs wanted; empty for all
     * @return the requested outputs by name, in graph order
     * @throws InferenceException    when an input is missing, has the wrong type or shape, or the runtime fails
     * @throws IllegalStateException after {@link #close()}
     */
    Map<String, Tensor> run(Map<String, Tensor> inputs, List<String> outputs) throws InferenceException;

    /**
     * Runs the model writing into caller-provided output tensors (of the exact output shapes), so a steady-state loop
     * allocates nothing. Outputs not in {@code outputs} are not computed when the graph allows it.
     *
     * @throws InferenceException    when a tensor is missing or mismatched, or the runtime fails
     * @throws IllegalStateException after {@link #close()}
     */
    void runInto(Map<String, Tensor> inputs, Map<String, Tensor> outputs) throws InferenceException;

    /** Waits for runs in progress and frees the model; idempotent. */
    @Override
    void close();
}
