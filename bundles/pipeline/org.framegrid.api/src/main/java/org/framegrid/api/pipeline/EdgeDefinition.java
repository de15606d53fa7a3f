package org.framegrid.api.pipeline;

import java.util.Objects;

/**
 * A link from one node's output to another node's input. Fan-out (a tee) is several edges from one node; fan-in is
 * several edges to one node (frames are merged in arrival order).
 *
 * <p>Immutable and thread-safe.
 *
 * @param from the upstream node name; never {@code null}
 * @param to the downstream node name; never {@code null}
 * @param position where the edge was written, or {@code null}
 */
public record EdgeDefinition(String from, String to, SourcePosition position) {

    /** Checks the names. */
    public EdgeDefinition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
