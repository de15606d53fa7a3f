package org.framegrid.api.pipeline;

/**
 * The health of a running stream, after ai-runner's state machine.
 *
 * <p>Immutable and thread-safe.
 */
public enum StreamState {
    /** Stage instances are being configured and started; no frame has left the pipeline yet. */
    LOADING,
    /** Every node runs its provider and frames flow at the input rate. */
    ONLINE,
    /** Frames flow, but a node is bypassed or held (no provider), or the output rate is below the input rate. */
    DEGRADED,
    /** A stage instance is being restarted for new property values; frames keep flowing through the old one. */
    RELOADING,
    /** A node fails on every frame; the stream keeps trying. */
    ERROR,
    /** The stream was stopped; final. */
    STOPPED
}
