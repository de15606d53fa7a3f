package org.framegrid.payment.api.ticket;

import java.math.BigInteger;
import org.framegrid.chain.api.RoundInfo;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What the ticket provider reads from the chain, and the sender's funding transaction. Implemented by a chain
 * bundle. Calls may block on the network; they throw {@link IllegalStateException} with a one-line message when the
 * chain cannot be reached.
 */
@ConsumerType
public interface TicketChain {
    /**
     * @return the round now: tickets are created in its {@link RoundInfo#lastInitializedRound()} and name that
     *     round's {@link RoundInfo#lastInitializedBlockHash()}; {@link RoundInfo#blockNumber()} is the latest block
     * @since 2.0
     */
    RoundInfo round();

    /** @return how many rounds after its creation round a ticket can still be redeemed */
    long ticketValidityPeriod();

    /** @return the gas price a redemption would pay now, in wei */
    BigInteger gasPrice();

    /**
     * @param sender the sender's address
     * @param recipient the recipient whose reserve allocation to report
     * @return the sender's funds
     */
    SenderState sender(String sender, String recipient);

    /**
     * Sends {@code fundDepositAndReserve(deposit, reserve)} from {@code sender}'s account and waits for it.
     *
     * @return the transaction hash
     */
    String fund(String sender, BigInteger deposit, BigInteger reserve);

    /**
     * @param recipient an orchestrator's address
     * @return what the TicketBroker has paid {@code recipient} for winning tickets so far
     * @since 2.0
     */
    RedeemedTickets redeemed(String recipient);
}
