package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import org.framegrid.chain.api.RoundInfo;
import org.framegrid.payment.api.ticket.RedeemedTickets;
import org.framegrid.payment.api.ticket.SenderState;
import org.framegrid.payment.api.ticket.TicketChain;

/**
 * A chain that counts its round reads, so that a test can wait for a worker to have watched the round a while, and
 * that can be cut: while {@link #down} is set, every read fails as an unreachable RPC node does.
 */
final class CountingChain implements TicketChain {
    final AtomicInteger roundReads = new AtomicInteger();
    volatile boolean down;
    private final TicketChain chain;

    CountingChain(TicketChain chain) {
        this.chain = chain;
    }

    @Override
    public RoundInfo round() {
        roundReads.incrementAndGet();
        reachable();
        return chain.round();
    }

    @Override
    public long ticketValidityPeriod() {
        reachable();
        return chain.ticketValidityPeriod();
    }

    @Override
    public BigInteger gasPrice() {
        reachable();
        return chain.gasPrice();
    }

    @Override
    public SenderState sender(String sender, String recipient) {
        reachable();
        return chain.sender(sender, recipient);
    }

    private void reachable() {
        if (down) {
            throw new IllegalStateException("blockNumber: the node at http://127.0.0.1:8545 failed: Connection refused");
        }
    }

    @Override
    public String fund(String sender, BigInteger deposit, BigInteger reserve) {
        return chain.fund(sender, deposit, reserve);
    }

    @Override
    public RedeemedTickets redeemed(String recipient) {
        return chain.redeemed(recipient);
    }
}
