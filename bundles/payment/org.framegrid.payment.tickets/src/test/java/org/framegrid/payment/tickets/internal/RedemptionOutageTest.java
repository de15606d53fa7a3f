package org.framegrid.payment.tickets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.testing.Await;
import org.framegrid.testing.LogLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redemptions retried through a long chain outage write one line for the outage and one when they work again, not
 * one per attempt (a long outage retried every ticket every few minutes, each a WARNING).
 */
class RedemptionOutageTest {
    @TempDir
    Path dir;

    @Test
    void anOutageIsOneLineAndItsEndAnother() throws Exception {
        Fixture fx = new Fixture(dir, CryptoTest.ADDRESS1, 0, StoreAndWorkerTest.ALWAYS_WINS_EV);
        int winners = StoreAndWorkerTest.acknowledgeWinners(fx, 3);
        AtomicBoolean down = new AtomicBoolean(true);
        TicketChain chain = ChainOutageTest.cuttable(fx.chain, down);
        RecordingRedeemer redeemer = new RecordingRedeemer(0);
        try (LogLines log = LogLines.operatorView(RedemptionWorker.class);
             RedemptionWorker worker = new RedemptionWorker(fx.store, () -> redeemer, chain,
                     new RedemptionWorker.Settings(2, 10, 350_000, 5), fx.recipient::settled)) {
            worker.recover();
            Await.until("20 failed attempts", 20_000, () -> worker.failedAttempts.tickets() >= 20);
            assertEquals(1, log.lines().size(), "one line for the outage: " + log.lines());
            assertEquals(0, log.lines().getFirst().indexOf("WARNING winning tickets are not being redeemed"),
                    log.lines().toString());
            down.set(false);
            // Done when the store has written every outcome: the redeemer's count rises before the outcome is written.
            Await.until("every winner redeemed and recorded", 20_000, () -> fx.store.pendingCount() == 0);
            assertEquals(winners, redeemer.count.get());
            assertEquals(1, log.containing("WARNING").size(), log.lines().toString());
            assertEquals(1, log.containing("winning tickets are redeemed again, after ").size(), log.lines().toString());
        } finally {
            fx.close();
        }
    }
}
