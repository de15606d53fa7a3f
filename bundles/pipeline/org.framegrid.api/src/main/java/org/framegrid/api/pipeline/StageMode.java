package org.framegrid.api.pipeline;

/**
 * How one node of a running stream currently handles frames.
 *
 * <p>Immutable and thread-safe.
 */
public enum StageMode {
    /** A provider's instance processes the frames. */
    ACTIVE,
    /** No provider: frames pass through unchanged. */
    BYPASSED,
    /** No provider: the last good output is re-emitted. */
    HELD
}
