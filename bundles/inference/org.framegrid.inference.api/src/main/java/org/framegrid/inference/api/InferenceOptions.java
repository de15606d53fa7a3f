package org.framegrid.inference.api;

import java.util.Objects;

/**
 * How a backend should set up a model. Immutable.
 *
 * @param intraOpThreads threads one operator may use; {@code 0} lets the backend choose
 * @param interOpThreads threads for running independent operators in parallel; {@code 0} runs them in sequence
 * @param optimization   graph optimisation level
 * @param warmUp         whether {@link InferenceBackend#load load} runs the model once on zeros before it returns, so
 *                       that the first real frame does not pay for lazy allocations (only done when every input
 *                       shape is fixed or resolvable from the descriptor)
 * @param spinning       whether idle worker threads busy-wait for the next run: the lowest latency for a model that
 *                       has the cores to itself, but CPU taken from every other stage when several models share few
 *                       cores (backends without worker threads ignore it)
 */
public record InferenceOptions(int intraOpThreads, int interOpThreads, GraphOptimization optimization, boolean warmUp,
        boolean spinning) {

    /** Backend-chosen threads, all optimisations, warm-up on, spinning on (ONNX Runtime's own defaults). */
    public static final InferenceOptions DEFAULT = new InferenceOptions(0, 0, GraphOptimization.ALL, true, true);

    public InferenceOptions {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0");
        }
        Objects.requireNonNull(optimization, "optimization");
    }

    public InferenceOptions withIntraOpThreads(int threads) {
        return new InferenceOptions(threads, interOpThreads, optimization, warmUp, spinning);
    }

    public InferenceOptions withInterOpThreads(int threads) {
        return new InferenceOptions(intraOpThreads, threads, optimization, warmUp, spinning);
    }

    public InferenceOptions withOptimization(GraphOptimization level) {
        return new InferenceOptions(intraOpThreads, interOpThreads, level, warmUp, spinning);
    }

    public InferenceOptions withWarmUp(boolean enabled) {
        return new InferenceOptions(intraOpThreads, interOpThreads, optimization, enabled, spinning);
    }

    public InferenceOptions withSpinning(boolean enabled) {
        return new InferenceOptions(intraOpThreads, interOpThreads, optimization, warmUp, enabled);
    }
}
