package org.framegrid.payment.api.ticket;

/**
 * The chain's current round as tickets need it.
 *
 * @param round the last initialized round
 * @param blockHash that round's block hash (the RoundsManager's {@code blockHashForRound}), 32 bytes
 * @param blockNumber the latest block number
 */
public record RoundInfo(long round, byte[] blockHash, long blockNumber) {
    public RoundInfo {
        if (blockHash.length != 32) {
            throw new IllegalArgumentException("round info: blockHash must be 32 bytes, got " + blockHash.length);
        }
        blockHash = blockHash.clone();
    }

    @Override
    public byte[] blockHash() {
        return blockHash.clone();
    }
}
