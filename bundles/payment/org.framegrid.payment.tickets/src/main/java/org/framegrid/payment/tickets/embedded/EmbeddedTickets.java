package org.framegrid.payment.tickets.embedded;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.framegrid.payment.api.PaymentReceiver;
import org.framegrid.payment.api.PaymentSender;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.payment.api.ticket.TicketRedeemer;
import org.framegrid.payment.tickets.internal.TicketPaymentReceiver;
import org.framegrid.payment.tickets.internal.TicketPaymentSender;
import org.osgi.annotation.versioning.ProviderType;

/**
 * This bundle's ticket sender and receiver in a plain JVM, bound to one ticket chain and one redeemer as DS binds
 * them in a node. A configuration is a map with the component's keys (e.g. {@code key.file},
 * {@code recipient.address}); a key left out has the component's default. {@link #close()} stops the receivers made
 * here, as DS deactivates them.
 */
@ProviderType
public final class EmbeddedTickets implements AutoCloseable {

    private final TicketChain chain;
    private final TicketRedeemer redeemer;
    private final List<TicketPaymentReceiver> receivers = new CopyOnWriteArrayList<>();

    /**
     * @param chain the TicketBroker the components read (and senders fund through), or {@code null} for senders
     *     without a chain
     * @param redeemer redeems the receivers' winning tickets, or {@code null}: they wait in the store
     */
    public EmbeddedTickets(TicketChain chain, TicketRedeemer redeemer) {
        this.chain = chain;
        this.redeemer = redeemer;
    }

    /**
     * @param config the configuration of {@code framegrid.payment.tickets.sender}; {@code key.file} is required
     * @return a ticket sender (a gateway's)
     * @throws IllegalArgumentException naming the key, for a configuration the component refuses
     */
    public PaymentSender sender(Map<String, ?> config) {
        return new TicketPaymentSender(ComponentConfig.of(TicketPaymentSender.Config.class,
                "framegrid.payment.tickets.sender", config), chain);
    }

    /**
     * @param config the configuration of {@code framegrid.payment.tickets.receiver}; {@code recipient.address} is
     *     required, and {@code store.file} should name a file of the caller's
     * @return a ticket receiver (an orchestrator's), which has opened its winning-ticket store
     * @throws IllegalArgumentException naming the key, for a configuration the component refuses
     * @throws IllegalStateException when there is no ticket chain
     */
    public PaymentReceiver receiver(Map<String, ?> config) {
        if (chain == null) {
            throw new IllegalStateException("a ticket receiver needs a TicketChain: none was given");
        }
        TicketPaymentReceiver receiver = new TicketPaymentReceiver(chain, ComponentConfig.of(
                TicketPaymentReceiver.Config.class, "framegrid.payment.tickets.receiver", config), redeemer);
        receivers.add(receiver);
        return receiver;
    }

    /** @return how many winning tickets of the receivers made here wait for their redemption */
    public int pendingWinners() {
        return receivers.stream().mapToInt(TicketPaymentReceiver::pendingWinners).sum();
    }

    /** Stops the receivers' redemption and saves their session balances, as DS deactivation does. */
    @Override
    public void close() {
        receivers.forEach(TicketPaymentReceiver::deactivate);
        receivers.clear();
    }
}
