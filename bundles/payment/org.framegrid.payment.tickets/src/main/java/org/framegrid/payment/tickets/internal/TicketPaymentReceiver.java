package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import org.framegrid.node.api.MetricSource;
import org.framegrid.node.api.MetricWriter;
import org.framegrid.payment.api.PaymentException;
import org.framegrid.payment.api.PaymentReceiver;
import org.framegrid.payment.api.PaymentRequiredException;
import org.framegrid.payment.api.PaymentTerms;
import org.framegrid.payment.api.Price;
import org.framegrid.payment.api.Receipt;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.payment.api.ticket.TicketRedeemer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The orchestrator's ticket receiver. Needs a {@link TicketChain}; redeems through whichever {@link TicketRedeemer}
 * is registered (winners wait in the store while there is none). Its tickets and redemptions are metrics.
 */
@Component(service = {PaymentReceiver.class, MetricSource.class},
        configurationPid = "framegrid.payment.tickets.receiver",
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = PaymentReceiver.SCHEME + "=" + TicketCodec.SCHEME)
@Designate(ocd = TicketPaymentReceiver.Config.class)
public final class TicketPaymentReceiver implements PaymentReceiver, MetricSource {

    @ObjectClassDefinition(name = "Framegrid ticket payment receiver")
    public @interface Config {
        @AttributeDefinition(description = "This orchestrator's address (tickets must name it as recipient)")
        String recipient_address();

        @AttributeDefinition(description = "File of the winning-ticket store (H2 MVStore)")
        String store_file() default "data/payment/winning-tickets.mv";

        @AttributeDefinition(description = "Expected value per ticket, in wei")
        String ticket_ev() default "1000000000000";

        @AttributeDefinition(description = "Face value = redemption gas cost x this")
        long face_value_multiplier() default 100;

        @AttributeDefinition(description = "Gas used by one redeemWinningTicket transaction")
        long redeem_gas() default 350000;

        @AttributeDefinition(description = "Blocks for which issued ticket parameters stay acceptable")
        long params_validity_blocks() default 40;

        @AttributeDefinition(description = "How long a read of the round or a sender's funds is reused (ms)")
        long chain_cache_ms() default 1000;

        @AttributeDefinition(description = "While the chain cannot be reached, how long after its read a round or a "
                + "sender's funds still stand in, so that payments go on through a short RPC outage (ms)")
        long chain_outage_grace_ms() default ChainCache.OUTAGE_GRACE_MILLIS;

        @AttributeDefinition(description = "First retry delay of a failed redemption (ms); doubles per attempt")
        long redeem_retry_ms() default 2000;

        @AttributeDefinition(description = "Longest delay between redemption attempts (ms)")
        long redeem_retry_max_ms() default 300000;
    }

    private final WinningTicketStore store;
    private final TicketRecipient recipient;
    private final RedemptionWorker worker;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TicketRedeemer redeemer;

    @Activate
    public TicketPaymentReceiver(@Reference(name = "chain") TicketChain chain, Config config) {
        if (config.recipient_address() == null) {
            throw new IllegalArgumentException("configuration framegrid.payment.tickets.receiver: recipient.address is"
                    + " missing");
        }
        try {
            Bytes.address(config.recipient_address());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("configuration recipient.address: " + e.getMessage());
        }
        this.store = WinningTicketStore.open(Path.of(config.store_file()));
        try {
            Secp256k1 ec = Secp256k1Provider.best();
            RedemptionWorker[] worker = new RedemptionWorker[1];
            this.recipient = new TicketRecipient(config.recipient_address(), chain, store, ec,
                    new TicketRecipient.Settings(Bytes.wei(config.ticket_ev(), "ticket.ev"), config.face_value_multiplier(),
                            config.redeem_gas(), config.params_validity_blocks(), config.chain_cache_ms(),
                            config.chain_outage_grace_ms()),
                    id -> worker[0].submit(id));
            this.worker = new RedemptionWorker(store, () -> redeemer, chain,
                    new RedemptionWorker.Settings(config.redeem_retry_ms(), config.redeem_retry_max_ms(),
                            config.redeem_gas()),
                    recipient::settled);
            worker[0] = this.worker;
            store.pending().values().forEach(recipient::restorePending);
            recipient.restoreBalances(store.takeBalances());
            this.worker.recover();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Outside a framework (org.framegrid.payment.tickets.embedded): as DS would make it, with {@code redeemer} bound
     * from the start.
     *
     * @param redeemer redeems the winners, or {@code null}: they wait in the store
     */
    public TicketPaymentReceiver(TicketChain chain, Config config, TicketRedeemer redeemer) {
        this(chain, config);
        this.redeemer = redeemer;
    }

    /** @return how many winning tickets wait in the store for their redemption */
    public int pendingWinners() {
        return store.pending().size();
    }

    /** Saves session balances so that a restart or a newer version of this bundle continues them. */
    @Deactivate
    public void deactivate() {
        worker.close();
        try {
            store.saveBalances(recipient.balances());
        } finally {
            store.close();
        }
    }

    @Override
    public void collect(MetricWriter out) {
        Map<String, String> labels = Map.of("recipient", recipient.recipient());
        out.counter("framegrid_payment_tickets_received", "Valid tickets received", labels,
                recipient.received.tickets());
        out.counter("framegrid_payment_received_value_wei", "Expected value of the valid tickets, credited to "
                + "sessions, in wei", labels, recipient.received.wei().doubleValue());
        out.counter("framegrid_payment_tickets_rejected", "Tickets refused (invalid, expired, unfunded sender)",
                labels, recipient.rejected.tickets());
        out.counter("framegrid_payment_tickets_won", "Winning tickets received (stored before the payment is "
                + "acknowledged)", labels, recipient.won.tickets());
        out.counter("framegrid_payment_won_value_wei", "Face value of the winning tickets, in wei", labels,
                recipient.won.wei().doubleValue());
        out.counter("framegrid_payment_tickets_redeemed", "Winning tickets redeemed on chain", labels,
                worker.redeemed.tickets());
        out.counter("framegrid_payment_redeemed_value_wei", "Fees earned: face value the TicketBroker paid for "
                + "redeemed tickets, in wei", labels, worker.redeemed.wei().doubleValue());
        out.counter("framegrid_payment_redemption_errors", "Redemption attempts that failed and are retried", labels,
                worker.failedAttempts.tickets());
        out.counter("framegrid_payment_tickets_unredeemable", "Winning tickets given up (expired, or refused for "
                + "good by the broker)", labels, worker.unredeemable.tickets());
        out.gauge("framegrid_payment_tickets_pending_redemption", "Winning tickets stored and not redeemed yet",
                labels, store.pendingCount());
    }

    @Override
    public String scheme() {
        return TicketCodec.SCHEME;
    }

    @Override
    public PaymentTerms terms(String sender) throws PaymentException {
        try {
            return new PaymentTerms(TicketCodec.SCHEME, TicketCodec.encodeTerms(recipient.params(sender)));
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new PaymentException("ticket terms for " + sender + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Receipt receive(String session, byte[] payment) {
        return recipient.receive(session, payment);
    }

    @Override
    public BigInteger balance(String session) {
        return recipient.balance(session);
    }

    @Override
    public void debit(String session, Price price, long units) throws PaymentRequiredException {
        recipient.debit(session, price, units);
    }

    @Override
    public void endSession(String session) {
        recipient.endSession(session);
    }
}
