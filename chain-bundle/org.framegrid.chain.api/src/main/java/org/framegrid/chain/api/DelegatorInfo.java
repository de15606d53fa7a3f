package org.framegrid.chain.api;

import java.math.BigInteger;

/**
 * A delegator as the BondingManager stores it (claimed amounts; {@link StakingService#pendingStake} adds what is not
 * yet claimed).
 *
 * @param address          the delegator
 * @param bondedAmount     bonded stake as of {@code lastClaimRound}, wei
 * @param fees             fees as of {@code lastClaimRound}, wei
 * @param delegate         the orchestrator it is bonded to, or the zero address
 * @param delegatedAmount  stake delegated to this account (non-zero for orchestrators), wei
 * @param startRound       the round its bond takes effect
 * @param lastClaimRound   the last round its earnings were claimed in
 * @param nextUnbondingLockId the id the next unbonding lock will get
 * @param status           bonding state at the current round
 */
public record DelegatorInfo(String address, BigInteger bondedAmount, BigInteger fees, String delegate,
        BigInteger delegatedAmount, long startRound, long lastClaimRound, long nextUnbondingLockId, Status status) {

    /** Delegator states as the protocol defines them. */
    public enum Status {
        /** bonded, with a start round still in the future */
        PENDING,
        /** bonded and earning */
        BONDED,
        /** nothing bonded */
        UNBONDED
    }
}
