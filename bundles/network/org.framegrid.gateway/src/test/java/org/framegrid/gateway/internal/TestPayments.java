package org.framegrid.gateway.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.framegrid.payment.api.Payment;
import org.framegrid.payment.api.PaymentReceiver;
import org.framegrid.payment.api.PaymentRequiredException;
import org.framegrid.payment.api.PaymentSender;
import org.framegrid.payment.api.PaymentTerms;
import org.framegrid.payment.api.Price;
import org.framegrid.payment.api.Receipt;
import org.framegrid.payment.api.SenderFunds;

/**
 * TEST DOUBLE, never shipped: an IOU "payment" whose bytes are the amount in decimal. It exercises the payment SPI's
 * flow (terms, initial payment, periodic payments, debit per second, refusal) without a chain; real streams use the
 * ticket provider. {@code fraction} scales what the sender pays (0 = an unpaid gateway).
 */
final class TestPayments implements PaymentSender, PaymentReceiver {
    private final Map<String, BigInteger> balances = new ConcurrentHashMap<>();
    private final BigInteger fraction;
    /** What was paid to each recipient and not yet delivered or released, as a real sender keeps it. */
    private final Map<String, BigInteger> atRisk = new ConcurrentHashMap<>();

    TestPayments(long fraction) {
        this.fraction = BigInteger.valueOf(fraction);
    }

    @Override
    public String scheme() {
        return "test-iou";
    }

    @Override
    public PaymentTerms terms(String sender) {
        return new PaymentTerms(scheme(), sender.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Payment pay(String recipient, PaymentTerms terms, Price price, long units) {
        BigInteger amount = price.cost(units).multiply(fraction);
        atRisk.merge(recipient, amount, BigInteger::add);
        return new Payment(scheme(), amount.toString().getBytes(StandardCharsets.UTF_8), amount);
    }

    @Override
    public Receipt receive(String session, byte[] payment) {
        BigInteger amount = new BigInteger(new String(payment, StandardCharsets.UTF_8));
        return new Receipt(amount, balances.merge(session, amount, BigInteger::add), List.of());
    }

    @Override
    public BigInteger balance(String session) {
        return balances.getOrDefault(session, BigInteger.ZERO);
    }

    @Override
    public synchronized void debit(String session, Price price, long units) throws PaymentRequiredException {
        BigInteger cost = price.cost(units);
        BigInteger b = balance(session);
        if (b.compareTo(cost) < 0) {
            throw new PaymentRequiredException(session, cost, b);
        }
        balances.put(session, b.subtract(cost));
    }

    @Override
    public void endSession(String session) {
        balances.remove(session);
    }

    @Override
    public void delivered(String recipient, BigInteger value) {
        atRisk.computeIfPresent(recipient, (k, v) -> v.subtract(value).max(BigInteger.ZERO));
    }

    @Override
    public void released(String recipient, BigInteger value) {
        delivered(recipient, value);
    }

    @Override
    public BigInteger valueAtRisk(String recipient) {
        return atRisk.getOrDefault(recipient, BigInteger.ZERO);
    }

    @Override
    public SenderFunds funds() {
        return new SenderFunds(BigInteger.ZERO, BigInteger.ZERO, 0);
    }

    @Override
    public void fund(BigInteger deposit, BigInteger reserve) {
    }
}
