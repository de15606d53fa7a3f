package org.framegrid.chain.web3j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.framegrid.chain.api.NetworkStats;
import org.framegrid.chain.api.Units;
import org.framegrid.chain.contracts.ProtocolParameters;
import org.junit.jupiter.api.Test;

/**
 * The seed's panel (protocol.md §0) reproduced on a real anvil through {@link ChainInfo}: supply 50,948,531.72 LPT,
 * bonded 26,613,846.27 LPT, participation 52.24 %, inflation 0.0620 %, and 31,568.58 LPT minted next round - and then
 * the Minter itself minting exactly the projected amount, and the rate moving the other way below 50 %.
 */
class NetworkStatsSeedTest {

    private static final BigInteger SEED_BONDED = new BigInteger("26613846270000000000000000");
    private static final BigInteger SEED_NEXT_MINT = new BigInteger("31568576378751240000000");

    @Test
    void seedFiguresComeOutOfTheContracts() throws Exception {
        // The spec's parameters with short rounds. The devchain starts in an initialised round with nothing bonded
        // (rate +500); the next one has the seed's stake active (52.24 %: rate -500), so it runs at the seed's 620,117.
        ProtocolParameters parameters = ProtocolParameters.defaults().withRoundLength(20);
        try (Fixture f = new Fixture(parameters)) {
            ChainClient owner = f.chain(0);
            Staking staking = new Staking(owner);
            ChainInfo info = new ChainInfo(owner);
            // The genesis holder spreads tokens to the dev accounts, so bond only the seed's bonded amount.
            staking.bond(SEED_BONDED, owner.account());
            staking.registerOrchestrator(100_000, 500_000, "https://127.0.0.1:8935");
            f.advanceRounds(1);

            NetworkStats seed = info.networkStats();
            assertEquals(ProtocolParameters.SEED_SUPPLY, seed.totalSupply());
            assertEquals(SEED_BONDED, seed.totalBonded());
            assertEquals(522_367_286, seed.participation());
            assertEquals(620_117, seed.inflation());
            assertEquals(619_617, seed.nextInflation());
            assertEquals(SEED_NEXT_MINT, seed.mintableNextRound());
            assertEquals(1, seed.delegators());
            assertEquals(1, seed.orchestrators());
            String panel = StatsPanel.format(seed, info.chainId());
            assertTrue(panel.contains("Participation        52.24% (target 50.00%)"), panel);
            assertTrue(panel.contains("Inflation            0.0620% per round (next round 0.0620%, -0.00005 pts)"), panel);
            assertTrue(panel.contains("Total supply         50,948,531.72 LPT"), panel);
            assertTrue(panel.contains("Minted next round    31,568.58 LPT"), panel);

            // Nobody calls reward(): the supply stays, and the next round mints exactly what the panel projected.
            f.advanceRounds(1);
            NetworkStats next = info.networkStats();
            assertEquals(seed.round() + 1, next.round());
            assertEquals(619_617, next.inflation());
            assertEquals(SEED_NEXT_MINT, next.mintableThisRound());

            // Below 50 % the rate rises by the same step: unbond 1,200,000 LPT (49.88 % stays bonded).
            staking.unbond(Units.parseTokens("1200000"));
            f.advanceRounds(1);
            NetworkStats below = info.networkStats();
            assertTrue(below.participation() < 500_000_000, "participation " + below.participation());
            assertEquals(619_617 + 500, below.inflation()); // this round's step already saw the lower stake
            assertEquals(below.inflation() + 500, below.nextInflation());
            f.advanceRounds(1);
            assertEquals(below.nextInflation(), info.networkStats().inflation());
        }
    }
}
