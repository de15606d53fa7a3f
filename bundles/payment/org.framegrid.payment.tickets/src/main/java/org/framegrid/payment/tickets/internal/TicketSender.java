package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.framegrid.payment.api.Payment;
import org.framegrid.payment.api.PaymentException;
import org.framegrid.payment.api.PaymentTerms;
import org.framegrid.payment.api.Price;
import org.framegrid.payment.api.ticket.Ticket;
import org.framegrid.payment.tickets.internal.TicketCodec.Batch;
import org.framegrid.payment.tickets.internal.TicketCodec.SignedNonce;

/**
 * The sender's side (go-livepeer's pm.Sender): nonces per recipientRandHash, batches of signed tickets whose expected
 * value covers the price of the work, and a limit on value at risk per recipient.
 */
final class TicketSender {
    /**
     * @param maxValueAtRisk most wei paid ahead to one recipient and not yet covered by delivered work
     * @param maxFaceValue refuse terms whose face value is above this (0: no limit)
     */
    record Settings(BigInteger maxValueAtRisk, BigInteger maxFaceValue) {
    }

    private final EthKey key;
    private final Settings settings;
    private final Map<String, AtomicLong> nonces = new ConcurrentHashMap<>();
    private final Map<String, BigInteger> atRisk = new ConcurrentHashMap<>();
    /** Tickets signed and their expected value. */
    final TicketCounts sent = new TicketCounts();

    TicketSender(EthKey key, Settings settings) {
        this.key = key;
        this.settings = settings;
    }

    String address() {
        return key.address();
    }

    Payment pay(String recipient, PaymentTerms terms, Price price, long units) throws PaymentException {
        if (!terms.scheme().equals(TicketCodec.SCHEME)) {
            throw new PaymentException("ticket sender: terms of scheme '" + terms.scheme() + "' from " + recipient
                    + " are not ticket terms");
        }
        TicketParams params;
        try {
            params = TicketCodec.decodeTerms(terms.data());
        } catch (IllegalArgumentException e) {
            throw new PaymentException("ticket sender: terms from " + recipient + ": " + e.getMessage());
        }
        String to = Bytes.normalize(recipient);
        if (!Bytes.normalize(params.recipient()).equals(to)) {
            throw new PaymentException("ticket sender: terms from " + to + " name recipient " + params.recipient());
        }
        if (settings.maxFaceValue().signum() > 0 && params.faceValue().compareTo(settings.maxFaceValue()) > 0) {
            throw new PaymentException("ticket sender: face value " + params.faceValue() + " wei from " + to
                    + " is above this sender's limit of " + settings.maxFaceValue() + " wei");
        }
        BigInteger ev = params.expectedValue();
        if (ev.signum() <= 0) {
            throw new PaymentException("ticket sender: terms from " + to + " give tickets no expected value");
        }
        BigInteger cost = price.cost(units);
        // ⌈cost / EV⌉ tickets, at least one.
        BigInteger[] qr = cost.divideAndRemainder(ev);
        BigInteger count = qr[0].add(qr[1].signum() == 0 ? BigInteger.ZERO : BigInteger.ONE).max(BigInteger.ONE);
        if (count.compareTo(BigInteger.valueOf(TicketCodec.MAX_TICKETS)) > 0) {
            throw new PaymentException("ticket sender: " + cost + " wei needs " + count + " tickets of EV " + ev
                    + " wei from " + to + ", more than " + TicketCodec.MAX_TICKETS + " in one payment");
        }
        BigInteger value = ev.multiply(count);
        BigInteger[] refused = new BigInteger[1];
        atRisk.compute(to, (k, risk) -> {
            BigInteger now = risk == null ? BigInteger.ZERO : risk;
            if (now.add(value).compareTo(settings.maxValueAtRisk()) > 0) {
                refused[0] = now;
                return risk;
            }
            return now.add(value);
        });
        if (refused[0] != null) {
            throw new PaymentException("ticket sender: paying " + value + " wei to " + to + " would put "
                    + refused[0].add(value) + " wei at risk, above the limit of " + settings.maxValueAtRisk()
                    + " wei");
        }
        AtomicLong nonce = nonces.computeIfAbsent(Bytes.hex(params.recipientRandHash()), k -> new AtomicLong());
        int n = count.intValueExact();
        long first = nonce.getAndAdd(n) + 1;
        List<SignedNonce> tickets = new ArrayList<>(n);
        TicketRules.BatchHasher hasher = new TicketRules.BatchHasher(new Ticket(params.recipient(), key.address(),
                params.faceValue(), params.winProb(), BigInteger.ZERO, params.recipientRandHash(),
                params.creationRound(), params.creationRoundBlockHash()));
        for (int i = 0; i < n; i++) {
            BigInteger senderNonce = BigInteger.valueOf(first + i);
            tickets.add(new SignedNonce(senderNonce, key.signPrefixed(hasher.hash(senderNonce))));
        }
        byte[] data = TicketCodec.encodePayment(new Batch(params, key.address(), tickets));
        sent.add(n, value);
        return new Payment(TicketCodec.SCHEME, data, value);
    }

    void delivered(String recipient, BigInteger value) {
        atRisk.computeIfPresent(Bytes.normalize(recipient), (k, risk) -> {
            BigInteger left = risk.subtract(value);
            return left.signum() <= 0 ? null : left;
        });
    }

    BigInteger valueAtRisk(String recipient) {
        return atRisk.getOrDefault(Bytes.normalize(recipient), BigInteger.ZERO);
    }

    /** @return what is paid ahead to every recipient together */
    BigInteger valueAtRisk() {
        return atRisk.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    }
}
