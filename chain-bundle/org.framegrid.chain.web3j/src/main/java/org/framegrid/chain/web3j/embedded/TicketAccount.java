package org.framegrid.chain.web3j.embedded;

import org.framegrid.chain.api.ChainException;
import org.framegrid.payment.api.ticket.Ticket;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.payment.api.ticket.TicketRedeemer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The TicketBroker as one account sees it: the ticket chain (reads, and funding from this account) and the redeemer
 * (redemption from this account), as the component {@code org.framegrid.chain.tickets} publishes them in a node. Its
 * transactions go through the chain client's one sender of the account. Thread-safe.
 */
@ProviderType
public interface TicketAccount extends TicketChain, TicketRedeemer {

    /** @return the address transactions are sent from, lower-case hex */
    String account();

    /**
     * @return the contract's hash of {@code ticket} ({@code getTicketHash}), to check the node's own against
     * @throws ChainException when the chain cannot be read
     */
    byte[] ticketHash(Ticket ticket) throws ChainException;
}
