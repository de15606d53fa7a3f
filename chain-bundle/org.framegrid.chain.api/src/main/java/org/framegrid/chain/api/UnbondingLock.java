package org.framegrid.chain.api;

import java.math.BigInteger;

/**
 * Stake on its way out: withdrawable from {@code withdrawRound} on, or rebonded before.
 *
 * @param id            the lock id (per delegator)
 * @param amount        LPT held, wei
 * @param withdrawRound the first round {@link StakingService#withdrawStake} succeeds
 */
public record UnbondingLock(long id, BigInteger amount, long withdrawRound) {
}
