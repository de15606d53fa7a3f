/**
 * The chain side of the probabilistic-ticket provider: what it reads from and sends to a TicketBroker, so that a
 * chain bundle (web3j, or any other client) can serve it without the ticket provider depending on it.
 * {@link org.framegrid.payment.api.ticket.TicketChain} reads rounds and sender funds and funds the sender;
 * {@link org.framegrid.payment.api.ticket.TicketRedeemer} redeems winning tickets.
 *
 * <p>2.0: the round is the chain API's {@link org.framegrid.chain.api.RoundInfo} (this package's own RoundInfo is
 * gone: one round type for the node); {@link org.framegrid.payment.api.ticket.Ticket#auxData()} and
 * {@link org.framegrid.payment.api.ticket.TicketChain#redeemed} are new.
 *
 * <p>2.1: {@link org.framegrid.payment.api.ticket.RedemptionException.Retry} says when a refused redemption can be
 * tried again (never, soon, or in a later round).
 */
@Export
@Version("2.1.0")
package org.framegrid.payment.api.ticket;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
