package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;

/**
 * How many tickets went one way, and their value in wei: the figures an operator's metrics read (sent, received, won,
 * redeemed). Thread-safe; counted since the component started.
 */
final class TicketCounts {
    private long tickets;
    private BigInteger wei = BigInteger.ZERO;

    synchronized void add(long count, BigInteger value) {
        tickets += count;
        wei = wei.add(value);
    }

    synchronized long tickets() {
        return tickets;
    }

    synchronized BigInteger wei() {
        return wei;
    }
}
