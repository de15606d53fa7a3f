package org.framegrid.chain.contracts;

import java.math.BigInteger;

/**
 * Settings of the LivepeerGovernor and of the Treasury timelock it executes through. Times are in rounds (the
 * governor's clock), except the timelock's delay, which is in seconds; {@code quorum} and {@code quota} are parts per
 * 10^6.
 *
 * @param votingDelay       rounds from a proposal until voting opens (the snapshot round)
 * @param votingPeriod      rounds voting stays open
 * @param proposalThreshold stake (LPT wei) a proposer needs
 * @param quorum            share of the snapshot round's total active stake that must vote (for, against or abstain)
 * @param quota             share of "for" among "for" and "against" needed to pass
 * @param timelockDelay     seconds between queueing and executing a passed proposal
 */
public record GovernanceParameters(
        long votingDelay,
        long votingPeriod,
        BigInteger proposalThreshold,
        long quorum,
        long quota,
        long timelockDelay) {

    public GovernanceParameters {
        ProtocolParameters.require(votingDelay >= 0 && votingDelay < (1L << 48),
                "votingDelay must be 0..2^48-1 rounds, got " + votingDelay);
        ProtocolParameters.require(votingPeriod > 0 && votingPeriod < (1L << 32),
                "votingPeriod must be 1..2^32-1 rounds, got " + votingPeriod);
        ProtocolParameters.require(proposalThreshold != null && proposalThreshold.signum() >= 0,
                "proposalThreshold must be a non-negative amount");
        ProtocolParameters.require(quorum >= 0 && quorum <= 1_000_000, "quorum must be 0..1000000, got " + quorum);
        ProtocolParameters.require(quota >= 0 && quota <= 1_000_000, "quota must be 0..1000000, got " + quota);
        ProtocolParameters.require(timelockDelay >= 0, "timelockDelay must not be negative, got " + timelockDelay);
    }

    /**
     * Livepeer's values on Arbitrum: voting opens 1 round after a proposal and lasts 10; 100 LPT to propose; quorum
     * 33.33%; quota 50%; no timelock delay.
     */
    public static GovernanceParameters defaults() {
        return new GovernanceParameters(1, 10, BigInteger.valueOf(100).multiply(BigInteger.TEN.pow(18)), 333_300,
                500_000, 0);
    }
}
