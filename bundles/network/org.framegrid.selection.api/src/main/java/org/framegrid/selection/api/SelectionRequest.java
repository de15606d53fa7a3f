package org.framegrid.selection.api;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Set;

/**
 * What a stream needs.
 *
 * @param pipeline the live pipeline it runs
 * @param maxPricePerSecondWei the most the gateway pays per second
 * @param exclude addresses not to use (e.g. the one that just failed this stream)
 */
public record SelectionRequest(String pipeline, BigInteger maxPricePerSecondWei, Set<String> exclude) {
    /** Checks and copies. */
    public SelectionRequest {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(maxPricePerSecondWei, "maxPricePerSecondWei");
        exclude = Set.copyOf(exclude);
    }
}
