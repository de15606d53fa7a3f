package org.framegrid.payment.tickets.internal;

import java.util.function.Supplier;
import org.framegrid.payment.api.ticket.SenderState;
import org.framegrid.payment.api.ticket.TicketChain;

/**
 * The sender's deposit and reserve as the metrics show them: reading them is a chain call, and a metric source must
 * never wait on the chain, so a scrape gets the last reading and starts a new one in the background when it is older
 * than {@link #MAX_AGE_NANOS}.
 */
final class SenderFundsReading {
    private static final long MAX_AGE_NANOS = 10_000_000_000L;

    private final String sender;
    private final Supplier<TicketChain> chain;
    private volatile SenderState last;
    private long readAt = Long.MIN_VALUE / 2;
    private boolean reading;

    SenderFundsReading(String sender, Supplier<TicketChain> chain) {
        this.sender = sender;
        this.chain = chain;
    }

    /** @return the last reading, or {@code null} before the first; starts a fresh one when it is due */
    SenderState last() {
        synchronized (this) {
            if (!reading && System.nanoTime() - readAt > MAX_AGE_NANOS && chain.get() != null) {
                reading = true;
                Thread.ofVirtual().name("ticket-sender-funds").start(this::read);
            }
        }
        return last;
    }

    private void read() {
        try {
            TicketChain c = chain.get();
            if (c != null) {
                last = c.sender(sender, sender);
            }
        } catch (RuntimeException e) {
            // unreachable chain: the last reading stays (the chain's own metrics count the errors)
        } finally {
            synchronized (this) {
                readAt = System.nanoTime();
                reading = false;
            }
        }
    }
}
