package org.framegrid.chain.api;

import java.math.BigInteger;

/**
 * The protocol's treasury (LIP-89/90) at one block: the LPT it holds and its share of every {@code reward()} mint.
 * Rates are parts per 10²⁷ ({@link Units#PRECISE_ONE}: 10²⁶ is 10 %), the BondingManager's fixed point.
 *
 * @param address                the Treasury contract (a timelock that executes what governance decides)
 * @param balance                LPT it holds, wei
 * @param rewardCutRate          share of each mint this round sends it, parts per 10²⁷
 * @param nextRoundRewardCutRate the rate from the next round on (a change, or zero once the ceiling is reached)
 * @param balanceCeiling         the balance at which contributions stop, wei; zero for none
 * @since 2.1
 */
public record TreasuryInfo(String address, BigInteger balance, BigInteger rewardCutRate,
        BigInteger nextRoundRewardCutRate, BigInteger balanceCeiling) {

    /** @return whether the balance has reached a (non-zero) ceiling, so the cut stops from the next round */
    public boolean ceilingReached() {
        return balanceCeiling.signum() > 0 && balance.compareTo(balanceCeiling) >= 0;
    }
}
