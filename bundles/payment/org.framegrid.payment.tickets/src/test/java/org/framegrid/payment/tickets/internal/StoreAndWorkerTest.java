package org.framegrid.payment.tickets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import org.framegrid.payment.api.PaymentTerms;
import org.framegrid.payment.api.Price;
import org.framegrid.payment.api.ticket.WinningTicket;
import org.framegrid.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreAndWorkerTest {
    static final BigInteger ALWAYS_WINS_EV = new BigInteger("35000000000000000");

    @TempDir
    Path dir;

    /** Pays with tickets that always win (EV = face value, p = 1) and returns how many winners were acknowledged. */
    static int acknowledgeWinners(Fixture fx, int tickets) throws Exception {
        fx.fundSender(new BigInteger("1000000000000000000000"), BigInteger.ZERO);
        PaymentTerms terms = fx.terms();
        TicketParams params = TicketCodec.decodeTerms(terms.data());
        assertEquals(Bytes.MAX_UINT256, params.winProb(), "p = 1");
        var receipt = fx.recipient.receive("s", fx.sender.pay(CryptoTest.ADDRESS1, terms,
                new Price(params.expectedValue(), 1), tickets).data());
        assertTrue(receipt.accepted(), receipt.toString());
        return fx.winners.size();
    }

    @Test
    void winnersAcknowledgedBeforeACrashAreStillPendingAfterReopening() throws Exception {
        Fixture fx = new Fixture(dir, CryptoTest.ADDRESS1, 0, ALWAYS_WINS_EV);
        int acknowledged = acknowledgeWinners(fx, 3);
        assertEquals(3, acknowledged);
        Map<Long, WinningTicket> before = fx.store.pending();
        fx.store.closeAbruptly(); // no clean shutdown, no final commit

        try (WinningTicketStore reopened = WinningTicketStore.open(dir.resolve("winners.mv"))) {
            Map<Long, WinningTicket> after = reopened.pending();
            assertEquals(before.keySet(), after.keySet());
            after.forEach((id, winner) -> assertEquals(Bytes.hex(TicketCodec.encodeWinner(before.get(id))),
                    Bytes.hex(TicketCodec.encodeWinner(winner))));
        }
    }

    @Test
    void winnersAcknowledgedByAProcessKilledWithSigkillAreThereAfterRestart() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), CrashingReceiver.class.getName(), dir.toString(), "4")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line;
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
            line = out.readLine(); // returns once the child has acknowledged, or null if it died
        } finally {
            child.destroyForcibly(); // SIGKILL
            child.waitFor();
        }
        assertNotNull(line, "child printed nothing");
        assertTrue(line.startsWith("acknowledged 4 "), line);
        try (WinningTicketStore reopened = WinningTicketStore.open(dir.resolve("winners.mv"))) {
            assertEquals(line.substring("acknowledged 4 ".length()), reopened.pending().keySet().toString());
            assertEquals(4, reopened.pending().size());
        }
    }

    @Test
    void workerRetriesTransientFailuresAndRedeemsWhatIsLeftAfterRestart() throws Exception {
        Fixture fx = new Fixture(dir, CryptoTest.ADDRESS1, 0, ALWAYS_WINS_EV);
        acknowledgeWinners(fx, 2);
        // First run: no redeemer at all, then stop, as a node shut down before the chain bundle came up.
        try (RedemptionWorker worker = new RedemptionWorker(fx.store, () -> null, fx.chain,
                new RedemptionWorker.Settings(10_000, 10_000, 350_000), fx.recipient::settled)) {
            worker.recover();
        }
        assertEquals(2, fx.store.pending().size());
        fx.store.close();

        try (WinningTicketStore store = WinningTicketStore.open(dir.resolve("winners.mv"))) {
            RecordingRedeemer redeemer = new RecordingRedeemer(3); // three transient failures first
            try (RedemptionWorker worker = new RedemptionWorker(store, () -> redeemer, fx.chain,
                    new RedemptionWorker.Settings(5, 20, 350_000), (sender, value) -> { })) {
                worker.recover();
                Await.until("every recovered winner redeemed", 20_000, () -> store.pending().isEmpty());
            }
            assertTrue(store.pending().isEmpty(), "all redeemed");
            assertEquals(2, redeemer.count.get());
            assertEquals(5, redeemer.calls.get(), "3 failed attempts + 2 redemptions");
            assertNotNull(store.outcome(1));
            assertTrue(store.outcome(1).startsWith("redeemed"), store.outcome(1));
        }
    }

    @Test
    void expiredWinnersAreDroppedNotRetriedForever() throws Exception {
        Fixture fx = new Fixture(dir, CryptoTest.ADDRESS1, 0, ALWAYS_WINS_EV);
        acknowledgeWinners(fx, 1);
        fx.chain.advanceRounds(fx.chain.ticketValidityPeriod());
        RecordingRedeemer redeemer = new RecordingRedeemer(0);
        try (RedemptionWorker worker = new RedemptionWorker(fx.store, () -> redeemer, fx.chain,
                new RedemptionWorker.Settings(5, 20, 350_000), fx.recipient::settled)) {
            worker.recover();
            Await.until("the expired winner dropped", 20_000, () -> fx.store.pending().isEmpty());
        }
        assertEquals(0, redeemer.calls.get());
        assertTrue(fx.store.outcome(1).startsWith("expired"), fx.store.outcome(1));
        fx.close();
    }
}
