package org.framegrid.chain.web3j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.framegrid.chain.api.RoundEvent;
import org.framegrid.chain.contracts.ProtocolParameters;
import org.framegrid.testing.Configs;
import org.framegrid.node.api.MetricSampleList;
import org.junit.jupiter.api.Test;

/**
 * The round keeper against a real anvil: it initialises each round, rewards the node's orchestrator exactly once per
 * round, and retries a reward whose transaction fails (the system paused through the Controller) until it succeeds.
 */
class RoundKeeperTest {

    private static final long ROUND_LENGTH = 20;

    @Test
    void initialisesAndRewardsOncePerRoundRetryingAFailedTransaction() throws Exception {
        // Account 0 keeps the Controller, to pause the protocol below.
        try (Fixture f = new Fixture(ProtocolParameters.defaults().withRoundLength(ROUND_LENGTH), false)) {
            ChainClient node = f.chain(0); // the node's account: orchestrator and Controller owner
            List<RoundEvent> events = new ArrayList<>();
            RoundKeeper keeper = new RoundKeeper(node, true, true, events::add);

            // Deployment and funding took the devchain into round 1; start at the next round, by mining only.
            long first = f.round(node) + 1;
            mineTo(node, first);
            keeper.step();
            assertEquals(List.of(RoundEvent.Type.STARTED, RoundEvent.Type.INITIALIZED), types(events));
            assertEquals(first, events.get(1).round());
            assertNotNull(events.get(1).txHash(), "this keeper initialised the round");
            Staking staking = new Staking(node);
            staking.bond(Fixture.LPT.multiply(BigInteger.valueOf(1000)), node.account());
            staking.registerOrchestrator(50_000, 500_000, null);
            keeper.step();
            assertEquals(-1, keeper.rewardedRound(), "not active before the next round");

            // Next round: initialised and rewarded once, however often the keeper looks.
            long second = first + 1;
            events.clear();
            mineTo(node, second);
            for (int i = 0; i < 5; i++) {
                keeper.step();
            }
            assertEquals(List.of(RoundEvent.Type.STARTED, RoundEvent.Type.INITIALIZED, RoundEvent.Type.REWARDED), types(events));
            assertTrue(events.get(2).amount().signum() > 0);
            assertEquals(second, keeper.rewardedRound());
            assertEquals(1, Fixture.rewardEvents(node, node.account(), second, ROUND_LENGTH));

            // The round after: someone else initialises it and then the system is paused, so our reward() transaction
            // fails; the keeper keeps trying and rewards once after the unpause.
            events.clear();
            ChainClient someoneElse = f.chain(5);
            long third = second + 1;
            mineTo(node, third);
            someoneElse.send("initializeRound", someoneElse.addresses().roundsManager(), "initializeRound");
            node.send("pause", node.addresses().controller(), "pause");
            int failuresBefore = keeper.failedAttempts();
            long errorsBefore = rpcErrors(node, RpcErrors.ERROR);
            keeper.step();
            keeper.step();
            // Each failed attempt was refused by the node's simulation: the client's RPC errors count it.
            assertTrue(rpcErrors(node, RpcErrors.ERROR) >= errorsBefore + 2, node.rpcErrors().toString());
            assertEquals(failuresBefore + 2, keeper.failedAttempts(), "both reward attempts failed while paused");
            assertEquals("reward for round " + third + " failed: Manager: system is paused; retrying while the round lasts",
                    keeper.lastFailure());
            assertEquals(List.of(RoundEvent.Type.STARTED, RoundEvent.Type.INITIALIZED), types(events));
            assertNull(events.get(1).txHash(), "initialised by someone else");
            assertEquals(second, Fixture.lastRewardRound(node, node.account()));
            node.send("unpause", node.addresses().controller(), "unpause");
            keeper.step();
            keeper.step();
            assertEquals(List.of(RoundEvent.Type.STARTED, RoundEvent.Type.INITIALIZED, RoundEvent.Type.REWARDED), types(events));
            assertEquals(failuresBefore + 2, keeper.failedAttempts());
            assertEquals(third, Fixture.lastRewardRound(node, node.account()));
            assertEquals(1, Fixture.rewardEvents(node, node.account(), third, ROUND_LENGTH));
        }
    }

    @Test
    void roundsComponentRewardsEveryRoundOnItsOwnThread() throws Exception {
        try (Fixture f = new Fixture(ProtocolParameters.defaults().withRoundLength(ROUND_LENGTH))) {
            ChainClient node = f.chain(0);
            long registered = f.advanceRounds(1);
            Staking staking = new Staking(node);
            staking.bond(Fixture.LPT.multiply(BigInteger.valueOf(1000)), node.account());
            staking.registerOrchestrator(50_000, 500_000, null);
            List<RoundEvent> events = new CopyOnWriteArrayList<>();
            Rounds rounds = new Rounds(node, config(20));
            rounds.addListener(events::add);
            try {
                for (long round = registered + 1; round <= registered + 3; round++) {
                    mineTo(node, round);
                    long expected = round;
                    awaitUntil(() -> rounds.lastRewardedRound() == expected, 10_000);
                }
                // The keeper goes on looking within the last round (it sees later blocks) and does not reward again.
                DevchainControl.mine(node, 5);
                long later = node.blockNumber();
                assertEquals(registered + 3, later / ROUND_LENGTH);
                awaitUntil(() -> rounds.current().blockNumber() >= later, 10_000);
                // The operator's metrics: three reward transactions, the last round rewarded, no failed request.
                MetricSampleList metrics = MetricSampleList.of(rounds);
                Map<String, String> chainId = Map.of("chain_id", Long.toString(node.chainId()));
                assertEquals(3.0, metrics.value("framegrid_chain_reward_calls", chainId).orElseThrow(),
                        metrics.samples().toString());
                assertEquals((double) registered + 3, metrics.value("framegrid_chain_last_rewarded_round", chainId)
                        .orElseThrow());
            } finally {
                rounds.deactivate();
            }
            for (long round = registered + 1; round <= registered + 3; round++) {
                assertEquals(1, Fixture.rewardEvents(node, node.account(), round, ROUND_LENGTH), "round " + round);
                long r = round;
                assertEquals(1, events.stream().filter(e -> e.type() == RoundEvent.Type.REWARDED && e.round() == r).count());
            }
        }
    }

    private static long rpcErrors(ChainClient chain, String kind) {
        return chain.rpcErrors().entrySet().stream().filter(e -> e.getKey().endsWith(" " + kind))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static void mineTo(ChainClient chain, long round) throws Exception {
        DevchainControl.mine(chain, round * ROUND_LENGTH - chain.blockNumber());
    }

    private static List<RoundEvent.Type> types(List<RoundEvent> events) {
        return events.stream().map(RoundEvent::type).toList();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitUntil(Check check, long millis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + millis + " ms");
            }
            Thread.sleep(10); // polling with a deadline: the keeper runs on its own thread
        }
    }

    static Rounds.Config config(long pollMillis) {
        return Configs.of(Rounds.Config.class, Map.of("rounds_poll_millis", pollMillis));
    }
}
