package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import org.framegrid.chain.api.RoundInfo;
import org.framegrid.payment.api.ticket.RedeemedTickets;
import org.framegrid.payment.api.ticket.SenderState;
import org.framegrid.payment.api.ticket.TicketChain;

/** A chain that counts its round reads, so that a test can wait for a worker to have watched the round a while. */
final class CountingChain implements TicketChain {
    final AtomicInteger roundReads = new AtomicInteger();
    private final TicketChain chain;

    CountingChain(TicketChain chain) {
        this.chain = chain;
    }

    @Override
    public RoundInfo round() {
        roundReads.incrementAndGet();
        return chain.round();
    }

    @Override
    public long ticketValidityPeriod() {
        return chain.ticketValidityPeriod();
    }

    @Override
    public BigInteger gasPrice() {
        return chain.gasPrice();
    }

    @Override
    public SenderState sender(String sender, String recipient) {
        return chain.sender(sender, recipient);
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
