package org.framegrid.api.stage;

/**
 * What a running stream does with a node whose stage type has no provider any more (bundle stopped, updated or
 * uninstalled), until one returns. The stream reports {@code DEGRADED} meanwhile.
 *
 * <p>Immutable and thread-safe.
 */
public enum MissingProviderPolicy {
    /**
     * Frames go through the node unchanged. Only possible when the node's negotiated input and output formats are the
     * same; otherwise the engine holds. The default.
     */
    BYPASS,
    /** The node re-emits its last good output for each input (or nothing before its first output). */
    HOLD
}
