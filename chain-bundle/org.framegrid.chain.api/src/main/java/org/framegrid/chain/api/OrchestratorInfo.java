package org.framegrid.chain.api;

import java.math.BigInteger;

/**
 * An orchestrator ("transcoder") as the BondingManager and ServiceRegistry store it.
 *
 * @param address         the orchestrator
 * @param registered      whether it has registered ({@code transcoder(...)})
 * @param active          whether it is in the current round's active set
 * @param rewardCut       share of rewards it keeps, parts per 10⁶
 * @param feeShare        share of fees its delegators get, parts per 10⁶
 * @param lastRewardRound the last round it called {@code reward()}
 * @param totalStake      stake delegated to it (its own bond included), wei
 * @param serviceUri      its published service URI, empty when none
 */
public record OrchestratorInfo(String address, boolean registered, boolean active, long rewardCut, long feeShare,
        long lastRewardRound, BigInteger totalStake, String serviceUri) {
}
