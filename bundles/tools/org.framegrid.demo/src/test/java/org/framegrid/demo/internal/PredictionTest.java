package org.framegrid.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.framegrid.chain.api.TreasuryInfo;
import org.junit.jupiter.api.Test;

/**
 * The demo's prediction against figures worked out by hand from shared/protocol.md: the seed's state (supply
 * 50,948,531.72 LPT, bonded 26,613,846.27 LPT, inflation 620,117 parts per 10⁹) held by one orchestrator (a third,
 * reward cut 10 %, fee share 50 %) and one delegator (two thirds), without and with the treasury's 10 %; and the
 * issue's three orchestrators (4,000, 3,500 and 1,500 of 9,000 LPT) minting their billionths of 1,000 LPT.
 */
class PredictionTest {

    private static final String ORCHESTRATOR = "0xo";
    private static final String DELEGATOR = "0xd";
    private static final BigInteger SUPPLY = new BigInteger("50948531720000000000000000");
    private static final BigInteger BONDED = new BigInteger("26613846270000000000000000");

    private static final BigInteger LPT = BigInteger.TEN.pow(18);
    private static final BigInteger TEN_PERCENT = BigInteger.TEN.pow(26);
    private static final TreasuryInfo NO_TREASURY = treasury(BigInteger.ZERO, BigInteger.ZERO);

    private static TreasuryInfo treasury(BigInteger cut, BigInteger ceiling) {
        return new TreasuryInfo("0xtreasury", BigInteger.ZERO, cut, cut, ceiling);
    }

    private static Prediction seed() {
        return seed(NO_TREASURY);
    }

    private static Prediction seed(TreasuryInfo treasury) {
        BigInteger third = BONDED.divide(BigInteger.valueOf(3)); // exact: 8,871,282.09 LPT
        return new Prediction(List.of(new Prediction.Orchestrator(ORCHESTRATOR, 100_000, 500_000,
                Map.of(ORCHESTRATOR, third, DELEGATOR, BONDED.subtract(third)))), SUPPLY, 620_117, 500, 500_000_000,
                treasury);
    }

    /** Supply 10,000,000 LPT at 100,000 parts per 10⁹ and no step: 1,000 LPT mintable a round. */
    private static Prediction threeOrchestrators(TreasuryInfo treasury) {
        List<Prediction.Orchestrator> start = List.of(
                new Prediction.Orchestrator("0xa", 0, 0, Map.of("0xa", LPT.multiply(BigInteger.valueOf(4000)))),
                new Prediction.Orchestrator("0xb", 0, 0, Map.of("0xb", LPT.multiply(BigInteger.valueOf(3500)))),
                new Prediction.Orchestrator("0xc", 0, 0, Map.of("0xc", LPT.multiply(BigInteger.valueOf(1500)))));
        return new Prediction(start, LPT.multiply(BigInteger.valueOf(10_000_000)), 100_000, 0, 500_000_000, treasury);
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

    @Test
    void theTreasuryTakesTenPercentOfTheMintBeforeTheCutAndTheSplit() {
        Prediction p = seed(treasury(TEN_PERCENT, BigInteger.ZERO));
        p.newRound();
        p.reward(ORCHESTRATOR);
        // M = 31,568.57637875124 LPT: 3,156.857637875124 to the treasury; of the 28,411.718740876116 left, 10 %
        // (2,841.1718740876116) is the commission, and 25,570.5468667885044 goes 1:2 by stake.
        assertEquals(new BigInteger("3156857637875124000000"), p.treasuryReward());
        assertEquals(new BigInteger("11364687496350446400000"), p.rewardOf(ORCHESTRATOR));
        assertEquals(new BigInteger("17047031244525669600000"), p.rewardOf(DELEGATOR));
    }

    @Test
    void eachOrchestratorMintsItsBillionthsAndTheRoundLeavesTheRemainders() {
        Prediction p = threeOrchestrators(treasury(TEN_PERCENT, BigInteger.ZERO));
        assertEquals(LPT.multiply(BigInteger.valueOf(1000)), p.newRound());
        for (String o : List.of("0xa", "0xb", "0xc")) {
            p.reward(o);
        }
        // 444,444,444 / 388,888,888 / 166,666,666 billionths of 1,000 LPT; the treasury takes 10 % of each.
        assertEquals(new BigInteger("399999999600000000000"), p.rewardOf("0xa"));
        assertEquals(new BigInteger("349999999200000000000"), p.rewardOf("0xb"));
        assertEquals(new BigInteger("149999999400000000000"), p.rewardOf("0xc"));
        assertEquals(new BigInteger("99999999800000000000"), p.treasuryReward());
        // 999.999998 LPT minted (2x10^12 wei short of mintable), all of it new supply, the treasury's part too.
        assertEquals(new BigInteger("1000099999999800000000"), p.newRound());
    }

    @Test
    void atTheCeilingTheNextRoundsCutIsZero() {
        Prediction p = threeOrchestrators(treasury(TEN_PERCENT, LPT.multiply(BigInteger.valueOf(50))));
        p.newRound();
        for (String o : List.of("0xa", "0xb", "0xc")) {
            p.reward(o); // c finds 83.33 LPT in the treasury, past 50: the rate drops from the next round
        }
        assertEquals(new BigInteger("99999999800000000000"), p.treasuryReward(), "this round's rate still applied");
        BigInteger before = p.rewardOf("0xa");
        BigInteger mintable = p.newRound();
        p.reward("0xa");
        // a holds 4,399.9999996 of 9,899.9999982 LPT bonded (the treasury's 99.9999998 LPT is supply, not stake).
        BigInteger billionths = new BigInteger("4399999999600000000000").multiply(BigInteger.valueOf(1_000_000_000))
                .divide(new BigInteger("9899999998200000000000"));
        assertEquals(mintable.multiply(billionths).divide(BigInteger.valueOf(1_000_000_000)),
                p.rewardOf("0xa").subtract(before), "all of the mint, none to the treasury");
        assertEquals(new BigInteger("99999999800000000000"), p.treasuryReward());
    }
}
