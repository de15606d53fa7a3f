package org.framegrid.payment.tickets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.framegrid.payment.api.PaymentTerms;
import org.framegrid.payment.api.Price;
import org.framegrid.payment.api.Receipt;
import org.framegrid.payment.api.ticket.RedemptionException;
import org.framegrid.payment.api.ticket.TicketRedeemer;
import org.framegrid.payment.api.ticket.WinningTicket;
import org.framegrid.testing.Await;
import org.framegrid.testing.MemoryTicketChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver stopped while a redemption is under way loses no wei: the session balances and every winner not
 * redeemed are in the store when it is opened again. The worker used to be stopped with an interrupt, which closed
 * the store's file under a write (ClosedChannelException), and the balances saved after it were lost.
 */
class ShutdownDuringRedemptionTest {
    @TempDir
    Path dir;

    @Test
    void stoppingTheReceiverDuringARedemptionKeepsEveryBalanceAndPendingWinner() throws Exception {
        Path file = dir.resolve("winners.mv");
        MemoryTicketChain chain = new MemoryTicketChain();
        HeldRedeemer redeemer = new HeldRedeemer();
        TicketPaymentReceiver receiver = new TicketPaymentReceiver(chain, ReceiverComponentTest.config(Map.of(
                "recipient_address", CryptoTest.ADDRESS1, "store_file", file.toString(),
                "ticket_ev", StoreAndWorkerTest.ALWAYS_WINS_EV.toString())), redeemer);
        TicketSender sender = new TicketSender(new EthKey(Bytes.unhex(CryptoTest.KEY0), Secp256k1Provider.best()),
                new TicketSender.Settings(new BigInteger("1000000000000000000000"), BigInteger.ZERO));
        chain.fund(sender.address(), new BigInteger("1000000000000000000000"), BigInteger.ZERO);
        PaymentTerms terms = receiver.terms(sender.address());
        Price price = new Price(TicketCodec.decodeTerms(terms.data()).expectedValue(), 1);
        Receipt receipt = receiver.receive("session", sender.pay(CryptoTest.ADDRESS1, terms, price, 3).data());
        assertTrue(receipt.accepted(), receipt.toString());
        receiver.debit("session", price, 1);
        BigInteger balance = receiver.balance("session");
        assertEquals(price.cost(2), balance);
        redeemer.entered.await();
        assertEquals(3, receiver.pendingWinners(), "every ticket wins (p = 1) and waits for its redemption");

        // Stop while the first redemption is under way; it returns once the stop is waiting for the worker.
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread stop = new Thread(() -> {
            try {
                receiver.deactivate();
            } catch (Throwable e) {
                failed.set(e);
            }
        }, "deactivate");
        stop.start();
        Await.until("the stop waits for the worker", 20_000, () -> waitsForTheWorker(stop));
        redeemer.release.countDown();
        stop.join(30_000);
        assertFalse(stop.isAlive(), "deactivate returned");
        assertNull(failed.get(), () -> "deactivate failed: " + failed.get());
        assertFalse(redeemer.interrupted, "the stop let the redemption under way finish, without an interrupt");

        try (WinningTicketStore reopened = WinningTicketStore.open(file)) {
            assertEquals(Map.of("session", balance), reopened.takeBalances(), "the session's balance was saved");
            Map<Long, WinningTicket> pending = reopened.pending();
            BigInteger faceValue = StoreAndWorkerTest.ALWAYS_WINS_EV;
            BigInteger redeemedOrPending = redeemer.recording.redeemed.get();
            for (long id = 1; id <= 3; id++) {
                String outcome = reopened.outcome(id);
                if (outcome == null) {
                    assertTrue(pending.containsKey(id), "winner " + id + " is neither pending nor finished");
                    assertEquals(faceValue, pending.get(id).ticket().faceValue());
                    redeemedOrPending = redeemedOrPending.add(faceValue);
                } else {
                    assertFalse(pending.containsKey(id), "winner " + id + " finished and still pending");
                    assertTrue(outcome.startsWith("redeemed "), outcome);
                }
            }
            assertEquals(1, redeemer.recording.count.get(), "the redemption under way completed; no other began");
            assertEquals(faceValue.multiply(BigInteger.valueOf(3)), redeemedOrPending,
                    "every winner's face value is redeemed or pending");
        }
    }

    @Test
    void aWriteByAnInterruptedThreadLeavesTheStoreOpen() throws Exception {
        Fixture fx = new Fixture(dir, CryptoTest.ADDRESS1, 0, StoreAndWorkerTest.ALWAYS_WINS_EV);
        StoreAndWorkerTest.acknowledgeWinners(fx, 1);
        WinningTicket winner = fx.store.get(1);
        Thread.currentThread().interrupt(); // e.g. an HTTP thread whose connection closes while it stores a winner
        try {
            long id = fx.store.add(winner);
            fx.store.saveBalances(Map.of("session", BigInteger.TEN));
            assertEquals(2, id);
        } finally {
            Thread.interrupted();
        }
        fx.close();
        try (WinningTicketStore reopened = WinningTicketStore.open(dir.resolve("winners.mv"))) {
            assertEquals(2, reopened.pending().size());
            assertEquals(Map.of("session", BigInteger.TEN), reopened.takeBalances());
        }
    }

    /** The stop is in the worker's bounded wait (and nowhere else it could block). */
    private static boolean waitsForTheWorker(Thread stop) {
        return stop.getState() == Thread.State.TIMED_WAITING && Arrays.stream(stop.getStackTrace())
                .anyMatch(frame -> frame.getMethodName().equals("awaitTermination"));
    }

    /**
     * Holds its first redemption until released, as a transaction waiting for its receipt does; like many clients it
     * does not answer an interrupt but keeps it (the thread is still interrupted when it returns).
     */
    private static final class HeldRedeemer implements TicketRedeemer {
        final RecordingRedeemer recording = new RecordingRedeemer(0);
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean interrupted;

        @Override
        public String redeem(WinningTicket winner) throws RedemptionException {
            entered.countDown();
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) { // the stop interrupted this thread
                Thread.currentThread().interrupt();
            }
            return recording.redeem(winner);
        }
    }
}
