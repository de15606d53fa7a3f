package org.framegrid.chain.api;

/**
 * A transaction that was mined successfully.
 *
 * @param hash        the transaction hash, {@code 0x}-prefixed
 * @param blockNumber the block it was mined in
 * @param gasUsed     the gas it used
 */
public record TxResult(String hash, long blockNumber, long gasUsed) {
}
