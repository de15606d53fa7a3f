package org.framegrid.chain.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Controls the local development chain the node started (only registered then): time travels by mining blocks.
 */
@ProviderType
public interface DevchainService {

    /** Mines {@code blocks} empty blocks at once. */
    void mineBlocks(long blocks) throws ChainException;

    /**
     * Moves to the start of the round {@code rounds} ahead and initialises it (each round in between is skipped, as
     * on a real chain where nobody initialised it).
     *
     * @return the round now current
     */
    long advanceRounds(int rounds) throws ChainException;

    /** @return the funded development accounts (the node's own first), addresses */
    List<String> accounts() throws ChainException;
}
