package org.framegrid.payment.api.ticket;

import org.osgi.annotation.versioning.ConsumerType;

/** Redeems a winning ticket on chain. Implemented by a chain bundle; called by the ticket provider's worker. */
@ConsumerType
public interface TicketRedeemer {
    /**
     * Submits {@code redeemWinningTicket} and waits for it to be mined.
     *
     * @return the transaction hash, 0x-prefixed
     * @throws RedemptionException if the ticket was not redeemed
     */
    String redeem(WinningTicket ticket) throws RedemptionException;
}
