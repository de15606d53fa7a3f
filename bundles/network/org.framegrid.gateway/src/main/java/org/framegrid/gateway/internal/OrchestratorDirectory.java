package org.framegrid.gateway.internal;

import java.math.BigInteger;
import java.net.URI;
import java.util.List;

/**
 * Where a gateway learns of orchestrators beyond its static list: in a node, the chain's pool (registered
 * orchestrators, their service URIs and stake, read through the chain API's StakingService).
 */
@FunctionalInterface
public interface OrchestratorDirectory {
    /**
     * An orchestrator as published.
     *
     * @param address its 0x address, lower case
     * @param uri its service URI
     * @param stake its total stake in wei: the delegators' signal that selection scores
     */
    record Listing(String address, URI uri, BigInteger stake) {
    }

    /** @return the orchestrators that can be used now (those with a service URI) */
    List<Listing> orchestrators() throws Exception;
}
