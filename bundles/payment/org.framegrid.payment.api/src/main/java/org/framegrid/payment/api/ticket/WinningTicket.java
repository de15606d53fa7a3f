package org.framegrid.payment.api.ticket;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What {@code redeemWinningTicket(ticket, sig, recipientRand)} takes.
 *
 * @param ticket the ticket
 * @param signature the sender's 65-byte r||s||v signature over the ticket hash (EIP-191)
 * @param recipientRand the recipient's random number, whose keccak256 is the ticket's recipientRandHash
 */
public record WinningTicket(Ticket ticket, byte[] signature, BigInteger recipientRand) {
    public WinningTicket {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(recipientRand, "recipientRand");
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
