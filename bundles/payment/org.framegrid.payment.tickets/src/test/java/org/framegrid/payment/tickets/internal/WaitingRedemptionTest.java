package org.framegrid.payment.tickets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.framegrid.payment.api.ticket.RedemptionException;
import org.framegrid.payment.api.ticket.TicketRedeemer;
import org.framegrid.payment.api.ticket.WinningTicket;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.testing.Await;
import org.framegrid.testing.Forwarding;
import org.framegrid.testing.LogLines;
import org.framegrid.testing.MemoryTicketChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A winner the chain refuses for now (its simulation reverts: the orchestrator has no active stake yet) is kept and
 * simulated again once per new round, never in between and never sent; it is redeemed in the first round it can be,
 * or dropped with one line when it expires. One line says why it waits, not one per attempt.
 */
class WaitingRedemptionTest {
    static final String NO_STAKE = "redeemWinningTicket: BondingManager: transcoder has no active stake";

    @TempDir
    Path dir;

    /** Refuses as the broker's simulation would until {@code chain} reaches {@code activeFrom}; then redeems. */
    record NotActiveUntil(MemoryTicketChain chain, long activeFrom, AtomicInteger simulations,
            AtomicInteger redeemed) implements TicketRedeemer {
        NotActiveUntil(MemoryTicketChain chain, long activeFrom) {
            this(chain, activeFrom, new AtomicInteger(), new AtomicInteger());
        }

        @Override
        public String redeem(WinningTicket ticket) throws RedemptionException {
            simulations.incrementAndGet();
            if (chain.round().round() < activeFrom) {
                throw new RedemptionException(NO_STAKE, RedemptionException.Retry.NEXT_ROUND, null);
            }
            return "0x" + Integer.toHexString(redeemed.incrementAndGet());
        }
    }

    @Test
    void aWinnerRefusedForNowWaitsForTheNextRoundAndIsRedeemedThen() throws Exception {
        Fixture fx = new Fixture(dir, CryptoTest.ADDRESS1, 0, StoreAndWorkerTest.ALWAYS_WINS_EV);
        StoreAndWorkerTest.acknowledgeWinners(fx, 1);
        NotActiveUntil redeemer = new NotActiveUntil(fx.chain, fx.chain.round().round() + 1);
        Forwarding<TicketChain> watched = Forwarding.to(TicketChain.class, fx.chain);
        try (LogLines log = LogLines.operatorView(RedemptionWorker.class);
                RedemptionWorker worker = new RedemptionWorker(fx.store, () -> redeemer, watched.proxy(),
                        new RedemptionWorker.Settings(5, 20, 350_000, 5), fx.recipient::settled)) {
            worker.recover();
            Await.until("the first simulation", 20_000, () -> redeemer.simulations().get() == 1);
            int reads = watched.calls("round");
            Await.until("the worker watching the round", 20_000, () -> watched.calls("round") >= reads + 20);
            assertEquals(1, redeemer.simulations().get(), "not simulated again within the same round");
            assertEquals(1, fx.store.pending().size(), "kept");
            assertEquals(1, log.lines().size(), "one line says why it waits: " + log.lines());
            assertTrue(log.lines().get(0).contains("transcoder has no active stake"), log.lines().get(0));

            fx.chain.advanceRounds(1);
            Await.until("redeemed in the new round, and said so", 20_000,
                    () -> fx.store.pending().isEmpty() && !log.containing("redeemed 0x").isEmpty());
            assertEquals(2, redeemer.simulations().get(), "one simulation per round");
            assertEquals(1, redeemer.redeemed().get());
            assertTrue(fx.store.outcome(1).startsWith("redeemed 0x1"), fx.store.outcome(1));
            assertEquals(2, log.lines().size(), "then one line for the redemption: " + log.lines());
        }
        fx.close();
    }

    @Test
    void aWinnerThatNeverBecomesRedeemableIsDroppedWithOneLineWhenItExpires() throws Exception {
        Fixture fx = new Fixture(dir, CryptoTest.ADDRESS1, 0, StoreAndWorkerTest.ALWAYS_WINS_EV);
        StoreAndWorkerTest.acknowledgeWinners(fx, 1);
        long created = fx.chain.round().round();
        NotActiveUntil redeemer = new NotActiveUntil(fx.chain, Long.MAX_VALUE);
        Forwarding<TicketChain> watched = Forwarding.to(TicketChain.class, fx.chain);
        try (LogLines log = LogLines.operatorView(RedemptionWorker.class);
                RedemptionWorker worker = new RedemptionWorker(fx.store, () -> redeemer, watched.proxy(),
                        new RedemptionWorker.Settings(5, 20, 350_000, 5), fx.recipient::settled)) {
            worker.recover();
            for (long round = created; round < created + fx.chain.ticketValidityPeriod(); round++) {
                long simulations = round - created + 1;
                Await.until("simulated in round " + round, 20_000, () -> redeemer.simulations().get() == simulations);
                int reads = watched.calls("round");
                Await.until("the worker watching the round", 20_000, () -> watched.calls("round") >= reads + 10);
                assertEquals(simulations, redeemer.simulations().get(), "once per round");
                fx.chain.advanceRounds(1);
            }
            Await.until("dropped once expired, and said so", 20_000,
                    () -> fx.store.pending().isEmpty() && !log.containing("expired").isEmpty());
            assertEquals(fx.chain.ticketValidityPeriod(), redeemer.simulations().get());
            assertTrue(fx.store.outcome(1).startsWith("expired"), fx.store.outcome(1));
            assertEquals(1, log.containing("expired").size(), log.lines().toString());
            assertEquals(fx.chain.ticketValidityPeriod() + 1, log.lines().size(),
                    "a line per round it waited (the reason), and one when it was dropped: " + log.lines());
        }
        fx.close();
    }
}
