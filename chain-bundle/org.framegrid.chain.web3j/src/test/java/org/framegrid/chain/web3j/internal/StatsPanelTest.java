package org.framegrid.chain.web3j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.framegrid.chain.api.NetworkStats;
import org.framegrid.chain.api.TreasuryInfo;
import org.junit.jupiter.api.Test;

/** The seed's panel from its exact figures (protocol.md §0), through the Minter's own arithmetic. */
class StatsPanelTest {

    private static final BigInteger SUPPLY = new BigInteger("50948531720000000000000000");
    private static final BigInteger BONDED = new BigInteger("26613846270000000000000000");

    @Test
    void minterArithmeticGivesTheSeedFigures() {
        long participation = NetworkStatsReader.participation(BONDED, SUPPLY);
        assertEquals(522_367_286, participation);
        long next = NetworkStatsReader.nextInflation(620_117, 500, participation, 500_000_000);
        assertEquals(619_617, next);
        assertEquals(new BigInteger("31568576378751240000000"), NetworkStatsReader.mintable(SUPPLY, next));
    }

    @Test
    void inflationStepsTowardTheTargetAndNeverBelowZero() {
        assertEquals(620_617, NetworkStatsReader.nextInflation(620_117, 500, 499_999_999, 500_000_000));
        assertEquals(620_117, NetworkStatsReader.nextInflation(620_117, 500, 500_000_000, 500_000_000));
        assertEquals(0, NetworkStatsReader.nextInflation(300, 500, 600_000_000, 500_000_000));
        assertEquals(0, NetworkStatsReader.participation(BONDED, BigInteger.ZERO));
    }

    @Test
    void treasuryRowsShowBalanceCutAndCeilingAndWhatChangesNextRound() {
        BigInteger lpt = BigInteger.TEN.pow(18);
        String steady = StatsPanel.treasury(new TreasuryInfo("0xt", lpt.multiply(BigInteger.valueOf(3157)),
                BigInteger.TEN.pow(26), BigInteger.TEN.pow(26), lpt.multiply(BigInteger.valueOf(750_000))));
        assertEquals("""
                  Treasury             3,157.00 LPT
                  Treasury cut         10.00% of each reward
                  Treasury ceiling     750,000.00 LPT
                """, steady);
        // At the ceiling the BondingManager sets the next round's rate to zero.
        String full = StatsPanel.treasury(new TreasuryInfo("0xt", lpt.multiply(BigInteger.valueOf(750_001)),
                BigInteger.TEN.pow(26), BigInteger.ZERO, lpt.multiply(BigInteger.valueOf(750_000))));
        assertTrue(full.contains("Treasury cut         10.00% of each reward (next round 0.00%)"), full);
        assertTrue(full.contains("Treasury ceiling     750,000.00 LPT (reached)"), full);
        String none = StatsPanel.treasury(new TreasuryInfo("0xt", BigInteger.ZERO, BigInteger.TWO.multiply(
                BigInteger.TEN.pow(26)), BigInteger.TWO.multiply(BigInteger.TEN.pow(26)), BigInteger.ZERO));
        assertTrue(none.contains("Treasury cut         20.00% of each reward\n"), none);
        assertTrue(none.contains("Treasury ceiling     none"), none);
    }

    @Test
    void panelShowsTheSeedAsTheSeedDoes() {
        long participation = NetworkStatsReader.participation(BONDED, SUPPLY);
        NetworkStats stats = new NetworkStats(214, 1_234_567, 620_117, 500, 500_000_000, SUPPLY, BONDED, participation,
                NetworkStatsReader.mintable(SUPPLY, 620_117), 619_617, NetworkStatsReader.mintable(SUPPLY, 619_617), 2_485, 100);
        String panel = StatsPanel.format(stats, 31337);
        assertTrue(panel.contains("Inflation            0.0620% per round (next round 0.0620%, -0.00005 pts)"), panel);
        assertTrue(panel.contains("Total supply         50,948,531.72 LPT"), panel);
        assertTrue(panel.contains("Total bonded         26,613,846.27 LPT"), panel);
        assertTrue(panel.contains("Participation        52.24% (target 50.00%)"), panel);
        assertTrue(panel.contains("Minted next round    31,568.58 LPT"), panel);
        assertTrue(panel.contains("Delegators           2,485"), panel);
        assertTrue(panel.startsWith("Framegrid network - chain 31337, block 1,234,567"), panel);
    }
}
