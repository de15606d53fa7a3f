package org.framegrid.payment.api;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A sender's funds as the payment provider sees them.
 *
 * @param deposit what pays winning tickets first, in wei
 * @param reserve the guarantee behind the deposit, in wei
 * @param withdrawRound 0 when not unlocking, else the round from which the sender may withdraw
 */
public record SenderFunds(BigInteger deposit, BigInteger reserve, long withdrawRound) {
    public SenderFunds {
        Objects.requireNonNull(deposit, "deposit");
        Objects.requireNonNull(reserve, "reserve");
    }
}
