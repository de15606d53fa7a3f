package org.framegrid.payment.tickets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import org.framegrid.payment.api.Payment;
import org.framegrid.payment.api.PaymentTerms;
import org.framegrid.payment.api.Price;
import org.framegrid.payment.api.Receipt;
import org.framegrid.payment.api.RejectionReason;
import org.framegrid.testing.Configs;
import org.framegrid.testing.MemoryTicketChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DS component's life cycle, driven as SCR would: activate, serve, deactivate, activate again. */
class ReceiverComponentTest {
    @TempDir
    Path dir;

    /** A configuration as ConfigAdmin would give it: the annotation's defaults, with some values set. */
    static TicketPaymentReceiver.Config config(Map<String, Object> values) {
        return Configs.of(TicketPaymentReceiver.Config.class, values);
    }

    @Test
    void balancesSurviveARestartButTermsIssuedBeforeItDoNot() throws Exception {
        MemoryTicketChain chain = new MemoryTicketChain();
        TicketPaymentReceiver.Config config = config(Map.of(
                "recipient_address", CryptoTest.ADDRESS1,
                "store_file", dir.resolve("winners.mv").toString()));
        TicketSender sender = new TicketSender(new EthKey(Bytes.unhex(CryptoTest.KEY0), Secp256k1Provider.best()),
                new TicketSender.Settings(new BigInteger("1000000000000000000"), BigInteger.ZERO));
        chain.fund(sender.address(), new BigInteger("1000000000000000000"), BigInteger.ZERO);
        Price price = new Price(BigInteger.valueOf(1_000_000_000_000L), 1);

        TicketPaymentReceiver first = new TicketPaymentReceiver(chain, config);
        PaymentTerms oldTerms = first.terms(sender.address());
        Payment paid = sender.pay(CryptoTest.ADDRESS1, oldTerms, price, 10);
        Receipt receipt = first.receive("session", paid.data());
        assertTrue(receipt.accepted(), receipt.toString());
        first.debit("session", price, 3);
        BigInteger left = first.balance("session");
        Payment inFlight = sender.pay(CryptoTest.ADDRESS1, oldTerms, price, 5);
        first.deactivate();

        TicketPaymentReceiver second = new TicketPaymentReceiver(chain, config);
        try {
            assertEquals(left, second.balance("session"), "the session's balance continues");
            Receipt stale = second.receive("session", inFlight.data());
            assertEquals(RejectionReason.TERMS_MISMATCH, stale.rejections().get(0).reason(),
                    "terms from before the restart cannot be replayed");
            assertEquals(left, second.balance("session"));
            Receipt fresh = second.receive("session",
                    sender.pay(CryptoTest.ADDRESS1, second.terms(sender.address()), price, 5).data());
            assertTrue(fresh.accepted(), fresh.toString());
        } finally {
            second.deactivate();
        }
    }

    @Test
    void badConfigurationFailsWithAOneLineMessageNamingTheKey() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new TicketPaymentReceiver(new MemoryTicketChain(), config(Map.of(
                        "recipient_address", CryptoTest.ADDRESS1, "ticket_ev", "lots",
                        "store_file", dir.resolve("w.mv").toString()))));
        assertEquals("configuration ticket.ev: expected a whole number of wei, got 'lots'", bad.getMessage());
        IllegalArgumentException address = assertThrows(IllegalArgumentException.class,
                () -> new TicketPaymentReceiver(new MemoryTicketChain(), config(Map.of(
                        "recipient_address", "0x1234", "store_file", dir.resolve("w2.mv").toString()))));
        assertTrue(address.getMessage().contains("0x1234"), address.getMessage());
    }
}
