package org.framegrid.chain.contracts;

import static org.framegrid.chain.contracts.Protocol.lpt;
import static org.framegrid.chain.contracts.RewardAndFeeSplitTest.PRECISE;
import static org.framegrid.chain.contracts.RewardAndFeeSplitTest.precisePercOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

import org.framegrid.chain.contracts.generated.BondingManager;
import org.junit.jupiter.api.Test;

/**
 * Earnings claimed lazily over six rounds (one skipped reward, one mid-way claim, one late delegator) equal a plain
 * pro-rata simulation in which every holder is paid every round, to a few wei.
 */
class LazyEarningsTest {

    private static final BigInteger CUT = BigInteger.valueOf(250_000); // rewardCut 25%
    private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);

    @Test
    void cumulativeFactorsMatchEagerProRataAccounting() throws Exception {
        try (Protocol p = new Protocol(ProtocolParameters.defaults().withRoundLength(60))) {
            p.registerOrchestrator(1, lpt("1000"), CUT.longValueExact(), 0);
            p.delegate(2, lpt("2000"), 1);
            p.delegate(3, lpt("4000"), 1);
            // Eager model: every holder's stake, and the orchestrator's unclaimed commission as a holder of its own.
            Map<String, BigInteger> eager = new LinkedHashMap<>();
            eager.put("self", lpt("1000"));
            eager.put("commission", BigInteger.ZERO);
            eager.put("d2", lpt("2000"));
            eager.put("d3", lpt("4000"));
            Map<String, BigInteger> joining = new LinkedHashMap<>();
            BigInteger crf = PRECISE;

            for (int round = 1; round <= 6; round++) {
                p.nextRound();
                eager.putAll(joining); // stake bonded last round counts from this one
                joining.clear();
                if (round == 4) {
                    continue; // the orchestrator misses this round's reward
                }
                BigInteger reward = BondingManager.getRewardEvents(p.bonding(1).reward().send()).get(0).amount;
                // reward() fixes the round's pool stake: the stake the round started with, i.e. the model's sum.
                BigInteger poolStake = p.bonding(0).getTranscoderEarningsPoolForRound(p.address(1),
                        BigInteger.valueOf(round)).send().component1();
                BigInteger modelStake = eager.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
                // The model truncates once per holder per round; the pool sums exact mints.
                BigInteger truncation = BigInteger.valueOf((long) eager.size() * round);
                assertTrue(poolStake.subtract(modelStake).abs().compareTo(truncation) <= 0,
                        "round " + round + ": pool " + poolStake + " vs model " + modelStake);

                BigInteger commission = reward.multiply(CUT).divide(MILLION);
                BigInteger delegatorsRewards = reward.subtract(commission);
                for (Map.Entry<String, BigInteger> e : eager.entrySet()) {
                    e.setValue(e.getValue().add(delegatorsRewards.multiply(e.getValue()).divide(poolStake)));
                }
                eager.merge("commission", commission, BigInteger::add);
                crf = crf.add(precisePercOf(crf, delegatorsRewards, poolStake));
                assertEquals(crf, p.bonding(0).getTranscoderEarningsPoolForRound(p.address(1),
                        BigInteger.valueOf(round)).send().component4(), "cumulative reward factor of round " + round);

                if (round == 2) {
                    p.delegate(4, lpt("1500"), 1); // bonded after this round's reward: earns from round 3
                    joining.put("d4", lpt("1500"));
                }
                if (round == 3) {
                    p.bonding(2).claimEarnings(BigInteger.valueOf(3)).send();
                    assertClose(eager.get("d2"), p.bonding(0).getDelegator(p.address(2)).send().component1(), "claimed");
                }
            }
            assertClose(eager.get("self").add(eager.get("commission")), p.pendingStake(1), "orchestrator");
            assertClose(eager.get("d2"), p.pendingStake(2), "d2 (claimed in round 3)");
            assertClose(eager.get("d3"), p.pendingStake(3), "d3 (never claimed)");
            assertClose(eager.get("d4"), p.pendingStake(4), "d4 (joined in round 2)");
            BigInteger claims = p.pendingStake(1).add(p.pendingStake(2)).add(p.pendingStake(3)).add(p.pendingStake(4));
            BigInteger delegated = p.transcoderTotalStake(1);
            assertTrue(claims.compareTo(delegated) <= 0, "claims " + claims + " exceed delegated " + delegated);
        }
    }

    private static void assertClose(BigInteger expected, BigInteger actual, String who) {
        assertTrue(expected.subtract(actual).abs().compareTo(BigInteger.TEN) <= 0,
                who + ": expected " + expected + " +-10 wei, got " + actual);
    }
}
