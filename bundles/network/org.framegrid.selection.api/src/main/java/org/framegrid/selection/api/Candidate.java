package org.framegrid.selection.api;

import java.math.BigInteger;
import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * An orchestrator a gateway could use, as discovery and its info endpoint describe it.
 *
 * @param address its identity (for the chain: its 0x-prefixed address); unique among candidates
 * @param uri its service URI
 * @param stake its total bonded stake in wei (the delegators' signal); zero when unknown
 * @param pricePerSecondWei what it asks per second of stream
 * @param pipelines the live pipelines it offers
 * @param freeCapacity sessions it can still take (as last reported)
 */
public record Candidate(String address, URI uri, BigInteger stake, BigInteger pricePerSecondWei, Set<String> pipelines,
                        int freeCapacity) {
    /** Checks and copies. */
    public Candidate {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(stake, "stake");
        Objects.requireNonNull(pricePerSecondWei, "pricePerSecondWei");
        pipelines = Set.copyOf(pipelines);
    }
}
