package org.framegrid.chain.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The node's round keeper: it watches blocks, initialises each round when it is due, and - when the node's account is
 * an active orchestrator - calls {@code reward()} once per round, retrying failed transactions within the round.
 * Round events go to every {@link RoundListener} service.
 */
@ProviderType
public interface RoundService {

    /** @return the current round as last seen by the watcher (read from the chain if nothing was seen yet) */
    RoundInfo current() throws ChainException;

    /** @return the last round in which this node's {@code reward()} succeeded, or -1 if none */
    long lastRewardedRound();
}
