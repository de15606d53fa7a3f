package org.framegrid.payment.tickets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.file.Path;
import org.framegrid.payment.api.Payment;
import org.framegrid.payment.api.PaymentTerms;
import org.framegrid.payment.api.Price;
import org.framegrid.payment.api.Receipt;
import org.framegrid.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatisticsTest {
    static final int TICKETS = 100_000;
    static final int BATCH = 1_000;
    /** Held so the level set below sticks (JUL keeps loggers only weakly). */
    private static final java.util.logging.Logger WORKER_LOG =
            java.util.logging.Logger.getLogger(RedemptionWorker.class.getName());

    @TempDir
    Path dir;

    @Test
    void winnersOfOneHundredThousandTicketsAreWithinFourSigmaAndRedeemedValueMatchesExpectedValue()
            throws Exception {
        // Face value = 350,000 gas × 1 gwei × 100 = 3.5e16 wei; EV 3.5e14 makes p = 1/100.
        BigInteger ev = new BigInteger("350000000000000");
        RecordingRedeemer redeemer = new RecordingRedeemer(0);
        // About a thousand "winning ticket N: redeemed" lines say nothing here.
        WORKER_LOG.setLevel(java.util.logging.Level.WARNING);
        try (Fixture fx = new Fixture(dir, CryptoTest.ADDRESS1, 1000, ev)) {
            fx.fundSender(new BigInteger("1000000000000000000000"), BigInteger.ZERO);
            PaymentTerms terms = fx.terms();
            TicketParams params = TicketCodec.decodeTerms(terms.data());
            double p = new BigDecimal(params.winProb()).divide(new BigDecimal(Bytes.MAX_UINT256),
                    MathContext.DECIMAL64).doubleValue();
            BigInteger evPerTicket = params.expectedValue();
            Price price = new Price(evPerTicket, 1);
            BigInteger credited = BigInteger.ZERO;
            for (int b = 0; b < TICKETS / BATCH; b++) {
                Payment payment = fx.sender.pay(CryptoTest.ADDRESS1, terms, price, BATCH);
                Receipt receipt = fx.recipient.receive("stats", payment.data());
                assertTrue(receipt.accepted(), receipt.toString());
                credited = credited.add(receipt.credited());
            }
            assertEquals(evPerTicket.multiply(BigInteger.valueOf(TICKETS)), credited, "EV credited per ticket");

            int winners = fx.store.pending().size();
            double mean = p * TICKETS;
            double sigma = Math.sqrt(TICKETS * p * (1 - p));
            System.out.printf("statistics: p=%.6f, %d tickets, %d winners, expected %.1f ± %.1f (σ)%n", p, TICKETS,
                    winners, mean, sigma);
            assertTrue(Math.abs(winners - mean) <= 4 * sigma, winners + " winners, expected " + mean + " ± 4×" + sigma);

            try (RedemptionWorker worker = new RedemptionWorker(fx.store, () -> redeemer, fx.chain,
                    new RedemptionWorker.Settings(10, 100, 350_000), fx.recipient::settled)) {
                worker.recover();
                Await.until("every winner redeemed", 60_000, () -> fx.store.pending().isEmpty(),
                        () -> fx.store.pending().size() + " pending");
            }
            assertEquals(winners, redeemer.count.get(), "every winner redeemed");
            BigInteger expected = evPerTicket.multiply(BigInteger.valueOf(TICKETS));
            double ratio = new BigDecimal(redeemer.redeemed.get()).divide(new BigDecimal(expected),
                    MathContext.DECIMAL64).doubleValue();
            System.out.printf("statistics: redeemed %s wei, expected value %s wei, ratio %.4f%n",
                    redeemer.redeemed.get(), expected, ratio);
            // Redeemed = winners × faceValue, so it carries the same relative spread as the winner count.
            assertTrue(Math.abs(ratio - 1) <= 4 * sigma / mean, "redeemed/expected = " + ratio);
        }
    }
}
