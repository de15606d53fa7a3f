package org.framegrid.chain.api;

import java.math.BigInteger;

/**
 * Something that happened in a round.
 *
 * @param type        what happened
 * @param round       the round it happened in
 * @param blockNumber the block the watcher saw it at
 * @param txHash      the node's transaction for {@link Type#INITIALIZED} / {@link Type#REWARDED}, or {@code null}
 *                    when someone else initialised the round
 * @param amount      for {@link Type#REWARDED}, the LPT the node's {@code reward()} credited to its pool (the
 *                    {@code Reward} event's amount: what it minted less the treasury's cut), otherwise zero
 */
public record RoundEvent(Type type, long round, long blockNumber, String txHash, BigInteger amount) {

    /** Kinds of round events, in the order they happen within a round. */
    public enum Type {
        /** the block number crossed into a new round */
        STARTED,
        /** the round is initialised on chain (by this node or anyone else) */
        INITIALIZED,
        /** this node's orchestrator called {@code reward()} for the round */
        REWARDED
    }
}
