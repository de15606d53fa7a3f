package org.framegrid.payment.tickets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.file.Path;
import org.framegrid.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The counts the operator's metrics read: tickets sent, received, won and redeemed, with their value. */
class TicketCountsTest {

    @TempDir
    Path dir;

    @Test
    void everyTicketIsCountedOnBothSidesAndEveryRedemption() throws Exception {
        try (Fixture fx = new Fixture(dir, CryptoTest.ADDRESS1, 0, StoreAndWorkerTest.ALWAYS_WINS_EV)) {
            int winners = StoreAndWorkerTest.acknowledgeWinners(fx, 3);
            assertEquals(3, fx.sender.sent.tickets());
            assertEquals(3, fx.recipient.received.tickets());
            assertEquals(fx.sender.sent.wei(), fx.recipient.received.wei(), "the EV sent is the EV credited");
            assertEquals(winners, fx.recipient.won.tickets());
            BigInteger faceValues = fx.recipient.won.wei();

            RecordingRedeemer redeemer = new RecordingRedeemer(1); // the first attempt fails, and is retried
            try (RedemptionWorker worker = new RedemptionWorker(fx.store, () -> redeemer, fx.chain,
                    new RedemptionWorker.Settings(5, 20, 350_000), fx.recipient::settled)) {
                worker.recover();
                Await.until("every winner redeemed", 20_000, () -> worker.redeemed.tickets() == winners);
                assertEquals(faceValues, worker.redeemed.wei(), "fees earned: the winners' face value");
                assertEquals(1, worker.failedAttempts.tickets());
                assertEquals(0, worker.unredeemable.tickets());
                assertEquals(0, fx.store.pendingCount());
            }
        }
    }
}
