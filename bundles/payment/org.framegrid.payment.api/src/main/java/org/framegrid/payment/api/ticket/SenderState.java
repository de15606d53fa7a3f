package org.framegrid.payment.api.ticket;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A sender's TicketBroker funds as seen by one recipient.
 *
 * @param deposit the sender's deposit, in wei
 * @param reserve the sender's reserve, in wei
 * @param reserveAllocation what of the reserve this recipient may still claim this round
 *     (reserve / active pool size − already claimed), in wei
 * @param withdrawRound 0 unless unlocking, else the round from which the sender may withdraw
 */
public record SenderState(BigInteger deposit, BigInteger reserve, BigInteger reserveAllocation, long withdrawRound) {
    public SenderState {
        Objects.requireNonNull(deposit, "deposit");
        Objects.requireNonNull(reserve, "reserve");
        Objects.requireNonNull(reserveAllocation, "reserveAllocation");
    }
}
