package org.framegrid.chain.api;

/**
 * The protocol's round at one block: {@code round = block / length}. Tickets name the last initialised round and its
 * block hash (only an initialised round has one).
 *
 * @param round                    the current round
 * @param length                   blocks per round
 * @param startBlock               the first block of the round
 * @param blockNumber              the block this was read at
 * @param initialized              whether {@code initializeRound()} has run for this round
 * @param locked                   whether the round is in its lock period (its last part, where some changes wait)
 * @param lastInitializedRound     the last round that was initialised
 * @param lastInitializedBlockHash the block hash the RoundsManager stored for {@code lastInitializedRound}
 *                                 ({@code blockHashForRound}), {@code 0x} and 64 hex digits
 * @since 2.0
 */
public record RoundInfo(long round, long length, long startBlock, long blockNumber, boolean initialized,
        boolean locked, long lastInitializedRound, String lastInitializedBlockHash) {

    /** @return the first block of the next round */
    public long nextRoundStartBlock() {
        return startBlock + length;
    }
}
