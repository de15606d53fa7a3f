package org.framegrid.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The demo's prediction against figures worked out by hand from shared/protocol.md: the seed's state (supply
 * 50,948,531.72 LPT, bonded 26,613,846.27 LPT, inflation 620,117 parts per 10⁹) held by one orchestrator (a third,
 * reward cut 10 %, fee share 50 %) and one delegator (two thirds).
 */
class PredictionTest {

    private static final String ORCHESTRATOR = "0xo";
    private static final String DELEGATOR = "0xd";
    private static final BigInteger SUPPLY = new BigInteger("50948531720000000000000000");
    private static final BigInteger BONDED = new BigInteger("26613846270000000000000000");

    private static Prediction seed() {
        BigInteger third = BONDED.divide(BigInteger.valueOf(3)); // exact: 8,871,282.09 LPT
        return new Prediction(List.of(new Prediction.Orchestrator(ORCHESTRATOR, 100_000, 500_000,
                Map.of(ORCHESTRATOR, third, DELEGATOR, BONDED.subtract(third)))), SUPPLY, 620_117, 500, 500_000_000);
    }

    @Test
    void aNewRoundStepsTheRateDownAndMintsTheSeedsFigure() {
        // Participation 522,367,286 > 500,000,000: 620,117 - 500 = 619,617; supply x 619,617 / 10^9.
        assertEquals(new BigInteger("31568576378751240000000"), seed().newRound());
    }

    @Test
    void rewardKeepsTheCutAndSharesTheRestByStake() {
        Prediction p = seed();
        p.newRound();
        p.reward(ORCHESTRATOR);
        // Sole active orchestrator: it mints all of M = 31,568.57637875124 LPT. Cut 10 % = 3,156.857637875124;
        // the rest by stake 1:2: 9,470.572913625372 to its own bond, 18,941.145827250744 to the delegator.
        assertEquals(new BigInteger("12627430551500496000000"), p.rewardOf(ORCHESTRATOR));
        assertEquals(new BigInteger("18941145827250744000000"), p.rewardOf(DELEGATOR));
    }

    @Test
    void feesKeepOneMinusFeeShareAndShareTheRestByStakeAfterReward() {
        Prediction p = seed();
        p.newRound();
        p.reward(ORCHESTRATOR);
        p.fees(ORCHESTRATOR, BigInteger.TEN.pow(18));
        // 0.5 ETH kept; 0.5 ETH by the stakes after the reward (the commission restaked on the orchestrator's bond):
        // 8,883,909.520551500496 : 17,761,505.325827250744.
        assertEquals(new BigInteger("666706158860177578"), p.feesOf(ORCHESTRATOR));
        assertEquals(new BigInteger("333293841139822421"), p.feesOf(DELEGATOR));
    }
}
