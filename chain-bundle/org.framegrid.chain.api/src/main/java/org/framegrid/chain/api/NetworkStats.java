package org.framegrid.chain.api;

import java.math.BigInteger;

/**
 * The network panel: figures read from the contracts at one block. Rates are parts per 10⁹ (the Minter's fixed
 * point: 620,117 is 0.0620117 %, 500,000,000 is 50 %).
 *
 * @param round               the current round
 * @param blockNumber         the block the figures were read at
 * @param inflation           this round's inflation rate per round, parts per 10⁹
 * @param inflationChange     how far the rate moves per round, parts per 10⁹
 * @param targetBondingRate   the participation the rate steers towards, parts per 10⁹
 * @param totalSupply         LPT in existence, wei
 * @param totalBonded         LPT staked in this round's active set, wei
 * @param participation       {@code totalBonded / totalSupply}, parts per 10⁹, truncated as the Minter computes it
 * @param mintableThisRound   LPT this round mints in total through {@code reward()} calls, wei
 * @param nextInflation       the rate the next round will have if participation stays as it is, parts per 10⁹
 * @param mintableNextRound   LPT the next round mints: {@code totalSupply × nextInflation / 10⁹}, wei
 * @param delegators          accounts with stake bonded (orchestrators' self-bonds included)
 * @param orchestrators       registered orchestrators in the pool
 */
public record NetworkStats(long round, long blockNumber, long inflation, long inflationChange, long targetBondingRate,
        BigInteger totalSupply, BigInteger totalBonded, long participation, BigInteger mintableThisRound,
        long nextInflation, BigInteger mintableNextRound, int delegators, int orchestrators) {
}
