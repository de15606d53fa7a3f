package org.framegrid.api.pipeline;

import java.util.Objects;

/**
 * One thing wrong with a pipeline definition.
 *
 * <p>Immutable and thread-safe.
 *
 * @param position where it is, or {@code null} when the definition has no positions (built in code)
 * @param message what is wrong and, where it helps, what would be valid; never {@code null}
 */
public record PipelineProblem(SourcePosition position, String message) {

    /** Checks the message. */
    public PipelineProblem {
        Objects.requireNonNull(message, "message");
    }

    /** @return {@code FILE:LINE:COL: message}, or just the message without a position */
    @Override
    public String toString() {
        return position == null ? message : position + ": " + message;
    }
}
