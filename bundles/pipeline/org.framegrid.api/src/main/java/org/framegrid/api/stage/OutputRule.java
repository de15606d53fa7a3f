package org.framegrid.api.stage;

/**
 * How a stage type's output format follows from its input and properties; the data the engine (and a validator)
 * negotiates formats with. See {@link StageDescriptor}.
 *
 * <p>Immutable and thread-safe.
 */
public enum OutputRule {
    /** The output has the negotiated input format (filters, overlays, passthrough, resize). */
    SAME_AS_INPUT,
    /** The output is always the single format listed in {@link StageDescriptor#outputs()}. */
    FIXED,
    /**
     * The output is the format named by the value of the ENUM property {@link StageDescriptor#outputProperty()},
     * whose allowed names are names of {@link org.framegrid.api.frame.PixelFormat}s listed in
     * {@link StageDescriptor#outputs()} (convert, test-source).
     */
    PROPERTY,
    /** The stage emits nothing downstream (sinks). */
    NONE
}
