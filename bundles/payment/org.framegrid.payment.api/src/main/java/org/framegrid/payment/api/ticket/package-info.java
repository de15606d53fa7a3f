/**
 * The chain side of the probabilistic-ticket provider: what it reads from and sends to a TicketBroker, so that a
 * chain bundle (web3j, or any other client) can serve it without the ticket provider depending on it.
 * {@link org.framegrid.payment.api.ticket.TicketChain} reads rounds and sender funds and funds the sender;
 * {@link org.framegrid.payment.api.ticket.TicketRedeemer} redeems winning tickets.
 */
@Export
@Version("1.0.0")
package org.framegrid.payment.api.ticket;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
