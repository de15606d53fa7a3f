package org.framegrid.payment.tickets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.framegrid.payment.api.Payment;
import org.framegrid.payment.api.PaymentRequiredException;
import org.framegrid.payment.api.PaymentTerms;
import org.framegrid.payment.api.Price;
import org.framegrid.payment.api.Receipt;
import org.framegrid.payment.api.RejectionReason;
import org.framegrid.payment.api.ticket.SenderState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiverTest {
    static final BigInteger ETH = new BigInteger("1000000000000000000");
    /** Offset of the first ticket's signature in a payment: format, params, sender, count, nonce. */
    static final int FIRST_SIGNATURE = 1 + 196 + 20 + 4 + 32;
    static final Price PRICE = new Price(BigInteger.valueOf(1_000_000_000_000L), 1);

    @TempDir
    Path dir;
    Fixture fx;
    final Set<RejectionReason> seen = EnumSet.noneOf(RejectionReason.class);

    @BeforeEach
    void setUp() {
        fx = new Fixture(dir, CryptoTest.ADDRESS1, 0);
        fx.fundSender(ETH, ETH);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    /** A price so small that one ticket covers it: each case below sends exactly one ticket. */
    static final Price ONE_TICKET = new Price(BigInteger.ONE, 1);

    private Payment pay(PaymentTerms terms, long units) throws Exception {
        return fx.sender.pay(CryptoTest.ADDRESS1, terms, units == 1 ? ONE_TICKET : PRICE, units);
    }

    private void assertRejected(Receipt receipt, RejectionReason reason) {
        assertEquals(1, receipt.rejections().size(), receipt.toString());
        assertEquals(reason, receipt.rejections().get(0).reason(), receipt.toString());
        assertEquals(BigInteger.ZERO, receipt.credited(), "a rejected ticket credits nothing");
        assertEquals(BigInteger.ZERO, fx.recipient.balance("s1"), "balance unchanged");
        assertTrue(seen.add(reason), "each case has its own reason: " + reason + " seen twice");
    }

    @Test
    void validPaymentCreditsExpectedValueAndWorkIsDebitedUntilPaymentRequired() throws Exception {
        Payment payment = pay(fx.terms(), 10);
        Receipt receipt = fx.recipient.receive("s1", payment.data());
        assertTrue(receipt.accepted(), receipt.toString());
        assertTrue(receipt.credited().compareTo(PRICE.cost(10)) >= 0, "EV covers price x units: " + receipt);
        assertEquals(receipt.credited(), fx.recipient.balance("s1"));
        assertEquals(payment.value(), receipt.credited(), "sender and receiver agree on the value");

        BigInteger before = fx.recipient.balance("s1");
        fx.recipient.debit("s1", PRICE, 4);
        assertEquals(before.subtract(PRICE.cost(4)), fx.recipient.balance("s1"));
        PaymentRequiredException required = assertThrows(PaymentRequiredException.class,
                () -> fx.recipient.debit("s1", PRICE, 1_000));
        assertEquals(PRICE.cost(1_000), required.required());
        assertEquals(fx.recipient.balance("s1"), required.balance(), "a refused debit takes nothing");
        assertTrue(required.getMessage().contains("pay at least"), required.getMessage());
    }

    @Test
    void everyBadTicketIsRejectedWithItsOwnReasonAndCreditsNothing() throws Exception {
        // forged signature
        byte[] forged = pay(fx.terms(), 1).data();
        forged[FIRST_SIGNATURE + 5] ^= 0x40;
        assertRejected(fx.recipient.receive("s1", forged), RejectionReason.BAD_SIGNATURE);

        // replayed: the same ticket twice
        byte[] once = pay(fx.terms(), 1).data();
        assertTrue(fx.recipient.receive("s2", once).accepted());
        assertRejected(fx.recipient.receive("s1", once), RejectionReason.REPLAYED);

        // expired: the chain moved past the parameters' expiration block
        byte[] late = pay(fx.terms(), 1).data();
        fx.chain.advanceBlocks(41);
        assertRejected(fx.recipient.receive("s1", late), RejectionReason.EXPIRED);

        // for another recipient: terms issued by another orchestrator, sent to this one
        try (Fixture other = new Fixture(dir.resolve("other"), "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc", 0)) {
            other.fundSender(ETH, ETH);
            PaymentTerms theirs = other.terms();
            Payment toOther = other.sender.pay("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc", theirs, ONE_TICKET, 1);
            assertRejected(fx.recipient.receive("s1", toOther.data()), RejectionReason.WRONG_RECIPIENT);
        }

        // face value above the sender's max float: its deposit shrank after the terms were issued
        byte[] tooBig = pay(fx.terms(), 1).data();
        BigInteger faceValue = TicketCodec.decodePayment(tooBig).params().faceValue();
        fx.chain.setSender(fx.sender.address(), new SenderState(faceValue.divide(BigInteger.TWO), BigInteger.ZERO,
                BigInteger.ZERO, 0));
        assertRejected(fx.recipient.receive("s1", tooBig), RejectionReason.FACE_VALUE_TOO_HIGH);

        // underfunded sender: nothing left at all
        fx.chain.setSender(fx.sender.address(), new SenderState(ETH, ETH, ETH, 0));
        byte[] unfunded = pay(fx.terms(), 1).data();
        fx.chain.setSender(fx.sender.address(), new SenderState(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
                0));
        assertRejected(fx.recipient.receive("s1", unfunded), RejectionReason.UNDERFUNDED_SENDER);

        // altered terms: the sender raised the face value in the parameters
        fx.chain.setSender(fx.sender.address(), new SenderState(ETH, ETH, ETH, 0));
        byte[] altered = pay(fx.terms(), 1).data();
        altered[1 + 20 + 31] ^= 1;
        assertRejected(fx.recipient.receive("s1", altered), RejectionReason.TERMS_MISMATCH);

        // garbage
        assertRejected(fx.recipient.receive("s1", new byte[] {1, 2, 3}), RejectionReason.MALFORMED);
        assertTrue(fx.winners.isEmpty() || fx.store.pending().size() == fx.winners.size());
    }

    /** The used nonces of expired parameters are forgotten at the next payment (they can no longer be replayed). */
    @Test
    void theNoncesOfExpiredParametersAreForgotten() throws Exception {
        assertTrue(fx.recipient.receive("s1", pay(fx.terms(), 1).data()).accepted());
        assertEquals(1, fx.recipient.nonceSets());
        fx.chain.advanceBlocks(41); // past the parameters' expiration block
        assertTrue(fx.recipient.receive("s1", pay(fx.terms(), 1).data()).accepted());
        assertEquals(1, fx.recipient.nonceSets(), "the expired parameters' nonces are gone, the new ones kept");
    }

    @Test
    void senderRefusesToPutMoreThanItsLimitAtRisk() throws Exception {
        TicketSender capped = new TicketSender(new EthKey(Bytes.unhex(CryptoTest.KEY0), fx.ec),
                new TicketSender.Settings(PRICE.cost(25), BigInteger.ZERO));
        PaymentTerms terms = fx.terms();
        capped.pay(CryptoTest.ADDRESS1, terms, PRICE, 20);
        assertThrows(org.framegrid.payment.api.PaymentException.class,
                () -> capped.pay(CryptoTest.ADDRESS1, terms, PRICE, 20));
        capped.delivered(CryptoTest.ADDRESS1, PRICE.cost(20));
        Payment next = capped.pay(CryptoTest.ADDRESS1, terms, PRICE, 20);
        assertTrue(fx.recipient.receive("s1", next.data()).accepted(), "nonces continue after the first batch");
    }
}
