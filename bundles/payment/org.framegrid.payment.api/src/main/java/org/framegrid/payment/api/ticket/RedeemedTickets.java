package org.framegrid.payment.api.ticket;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Winning tickets the TicketBroker has paid one recipient for (its {@code WinningTicketTransfer} events).
 *
 * @param tickets how many
 * @param paid what they paid, in wei
 * @since 2.0
 */
public record RedeemedTickets(long tickets, BigInteger paid) {
    public RedeemedTickets {
        Objects.requireNonNull(paid, "paid");
    }
}
