package org.framegrid.chain.contracts;

import java.math.BigInteger;

/**
 * Deployment parameters of the protocol. Rates follow the contracts' fixed point: {@code inflation},
 * {@code inflationChange} and {@code targetBondingRate} in parts per 10^9; {@code roundLockAmount} in parts per 10^6;
 * {@code treasuryRewardCutRate} in parts per 10^27.
 *
 * @param roundLength           blocks per round (5,760 in production; tests use short rounds)
 * @param roundLockAmount       last fraction of a round (per 10^6) in which orchestrators may not change terms
 * @param unbondingPeriod       rounds from unbond until the stake can be withdrawn
 * @param numActiveTranscoders  size of the active orchestrator set
 * @param inflation             starting inflation per round, parts per 10^9
 * @param inflationChange       step per round toward the target, parts per 10^9
 * @param targetBondingRate     target participation, parts per 10^9
 * @param unlockPeriod          rounds from a sender's unlock until it may withdraw deposit and reserve
 * @param ticketValidityPeriod  rounds a ticket stays redeemable after its creation round
 * @param genesisSupply         LPT (wei) minted to the deployer at deployment; all later LPT comes from the Minter
 * @param treasuryRewardCutRate share of each reward() mint sent to the Treasury, parts per 10^27, from round 1
 * @param treasuryBalanceCeiling Treasury LPT balance (wei) at which the cut stops (0: never)
 * @param governance            the LivepeerGovernor's and the Treasury timelock's settings
 */
public record ProtocolParameters(
        long roundLength,
        long roundLockAmount,
        long unbondingPeriod,
        int numActiveTranscoders,
        long inflation,
        long inflationChange,
        long targetBondingRate,
        long unlockPeriod,
        long ticketValidityPeriod,
        BigInteger genesisSupply,
        BigInteger treasuryRewardCutRate,
        BigInteger treasuryBalanceCeiling,
        GovernanceParameters governance) {

    /** The seed's total supply: 50,948,531.72 LPT. */
    public static final BigInteger SEED_SUPPLY = new BigInteger("50948531720000000000000000");
    /** 100% of the treasury reward cut rate's fixed point (Livepeer's PreciseMathUtils). */
    public static final BigInteger PRECISE_PERC_DIVISOR = BigInteger.TEN.pow(27);
    /** Livepeer's treasury cut on Arbitrum (LIP-90): 10%. */
    public static final BigInteger LIVEPEER_TREASURY_CUT = BigInteger.TEN.pow(26);
    /** Livepeer's treasury ceiling on Arbitrum (LIP-90): 750,000 LPT. */
    public static final BigInteger LIVEPEER_TREASURY_CEILING = new BigInteger("750000").multiply(BigInteger.TEN.pow(18));

    public ProtocolParameters {
        require(roundLength > 0, "roundLength must be positive, got " + roundLength);
        require(roundLockAmount >= 0 && roundLockAmount <= 1_000_000, "roundLockAmount must be 0..1000000, got " + roundLockAmount);
        require(unbondingPeriod >= 0, "unbondingPeriod must not be negative, got " + unbondingPeriod);
        require(numActiveTranscoders > 0, "numActiveTranscoders must be positive, got " + numActiveTranscoders);
        require(inflation >= 0 && inflation <= 1_000_000_000, "inflation must be 0..10^9, got " + inflation);
        require(inflationChange >= 0 && inflationChange <= 1_000_000_000, "inflationChange must be 0..10^9, got " + inflationChange);
        require(targetBondingRate >= 0 && targetBondingRate <= 1_000_000_000, "targetBondingRate must be 0..10^9, got " + targetBondingRate);
        require(unlockPeriod >= 0, "unlockPeriod must not be negative, got " + unlockPeriod);
        require(ticketValidityPeriod > 0, "ticketValidityPeriod must be positive, got " + ticketValidityPeriod);
        require(genesisSupply != null && genesisSupply.signum() >= 0, "genesisSupply must be a non-negative amount");
        require(treasuryRewardCutRate != null && treasuryRewardCutRate.signum() >= 0
                && treasuryRewardCutRate.compareTo(PRECISE_PERC_DIVISOR) <= 0,
                "treasuryRewardCutRate must be 0..10^27, got " + treasuryRewardCutRate);
        require(treasuryBalanceCeiling != null && treasuryBalanceCeiling.signum() >= 0,
                "treasuryBalanceCeiling must be a non-negative amount");
        require(governance != null, "governance settings are missing");
    }

    /**
     * The spec's values: 5,760-block rounds, the seed's inflation (620,117 per 10^9, step 500, target 50%) and
     * supply, and Livepeer's unbonding period (7 rounds), active set (100), round lock (10%), unlock period and
     * ticket validity (2 rounds each), treasury cut (10%) and ceiling (750,000 LPT), and governance
     * ({@link GovernanceParameters#defaults()}).
     */
    public static ProtocolParameters defaults() {
        return new ProtocolParameters(5760, 100_000, 7, 100, 620_117, 500, 500_000_000, 2, 2, SEED_SUPPLY,
                LIVEPEER_TREASURY_CUT, LIVEPEER_TREASURY_CEILING, GovernanceParameters.defaults());
    }

    public ProtocolParameters withRoundLength(long blocks) {
        return new ProtocolParameters(blocks, roundLockAmount, unbondingPeriod, numActiveTranscoders, inflation,
                inflationChange, targetBondingRate, unlockPeriod, ticketValidityPeriod, genesisSupply,
                treasuryRewardCutRate, treasuryBalanceCeiling, governance);
    }

    public ProtocolParameters withUnbondingPeriod(long rounds) {
        return new ProtocolParameters(roundLength, roundLockAmount, rounds, numActiveTranscoders, inflation,
                inflationChange, targetBondingRate, unlockPeriod, ticketValidityPeriod, genesisSupply,
                treasuryRewardCutRate, treasuryBalanceCeiling, governance);
    }

    public ProtocolParameters withNumActiveTranscoders(int count) {
        return new ProtocolParameters(roundLength, roundLockAmount, unbondingPeriod, count, inflation,
                inflationChange, targetBondingRate, unlockPeriod, ticketValidityPeriod, genesisSupply,
                treasuryRewardCutRate, treasuryBalanceCeiling, governance);
    }

    public ProtocolParameters withInflation(long perBillion) {
        return new ProtocolParameters(roundLength, roundLockAmount, unbondingPeriod, numActiveTranscoders, perBillion,
                inflationChange, targetBondingRate, unlockPeriod, ticketValidityPeriod, genesisSupply,
                treasuryRewardCutRate, treasuryBalanceCeiling, governance);
    }

    public ProtocolParameters withGenesisSupply(BigInteger wei) {
        return new ProtocolParameters(roundLength, roundLockAmount, unbondingPeriod, numActiveTranscoders, inflation,
                inflationChange, targetBondingRate, unlockPeriod, ticketValidityPeriod, wei,
                treasuryRewardCutRate, treasuryBalanceCeiling, governance);
    }

    /** @param cutRate parts per 10^27; {@code ceiling} LPT wei (0: no ceiling) */
    public ProtocolParameters withTreasury(BigInteger cutRate, BigInteger ceiling) {
        return new ProtocolParameters(roundLength, roundLockAmount, unbondingPeriod, numActiveTranscoders, inflation,
                inflationChange, targetBondingRate, unlockPeriod, ticketValidityPeriod, genesisSupply, cutRate,
                ceiling, governance);
    }

    public ProtocolParameters withGovernance(GovernanceParameters settings) {
        return new ProtocolParameters(roundLength, roundLockAmount, unbondingPeriod, numActiveTranscoders, inflation,
                inflationChange, targetBondingRate, unlockPeriod, ticketValidityPeriod, genesisSupply,
                treasuryRewardCutRate, treasuryBalanceCeiling, settings);
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("protocol parameters: " + message);
        }
    }
}
