package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import org.framegrid.node.api.MetricSource;
import org.framegrid.node.api.MetricWriter;
import org.framegrid.payment.api.Payment;
import org.framegrid.payment.api.PaymentException;
import org.framegrid.payment.api.PaymentReceiver;
import org.framegrid.payment.api.PaymentSender;
import org.framegrid.payment.api.PaymentTerms;
import org.framegrid.payment.api.Price;
import org.framegrid.payment.api.SenderFunds;
import org.framegrid.payment.api.ticket.SenderState;
import org.framegrid.payment.api.ticket.TicketChain;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The gateway's ticket sender. Paying needs no chain; reading and adding funds go through a {@link TicketChain}. Its
 * tickets, value at risk and funds are metrics.
 */
@Component(service = {PaymentSender.class, MetricSource.class},
        configurationPid = "framegrid.payment.tickets.sender",
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = PaymentReceiver.SCHEME + "=" + TicketCodec.SCHEME)
@Designate(ocd = TicketPaymentSender.Config.class)
public final class TicketPaymentSender implements PaymentSender, MetricSource {

    @ObjectClassDefinition(name = "Framegrid ticket payment sender")
    public @interface Config {
        @AttributeDefinition(description = "File holding the sender's hex private key")
        String key_file();

        @AttributeDefinition(description = "Most wei paid ahead to one orchestrator and not yet covered by work")
        String max_value_at_risk() default "100000000000000000";

        @AttributeDefinition(description = "Refuse ticket terms with a higher face value, in wei (0: no limit)")
        String max_face_value() default "0";
    }

    private final TicketSender sender;
    private final SenderFundsReading funds;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TicketChain chain;

    @Activate
    public TicketPaymentSender(Config config) {
        if (config.key_file() == null) {
            throw new IllegalArgumentException("configuration framegrid.payment.tickets.sender: key.file is missing");
        }
        EthKey key = EthKey.read(Path.of(config.key_file()), Secp256k1Provider.best());
        this.sender = new TicketSender(key, new TicketSender.Settings(
                Bytes.wei(config.max_value_at_risk(), "max.value.at.risk"),
                Bytes.wei(config.max_face_value(), "max.face.value")));
        this.funds = new SenderFundsReading(sender.address(), () -> chain);
    }

    @Override
    public void collect(MetricWriter out) {
        Map<String, String> labels = Map.of("sender", sender.address());
        out.counter("framegrid_payment_tickets_sent", "Tickets this gateway signed and sent", labels,
                sender.sent.tickets());
        out.counter("framegrid_payment_sent_value_wei", "Expected value of the tickets sent, in wei", labels,
                sender.sent.wei().doubleValue());
        out.gauge("framegrid_payment_value_at_risk_wei", "Paid ahead to orchestrators and not yet covered by the "
                + "output they delivered, in wei", labels, sender.valueAtRisk().doubleValue());
        SenderState state = funds.last();
        if (state != null) {
            out.gauge("framegrid_payment_deposit_wei", "The sender's TicketBroker deposit, in wei", labels,
                    state.deposit().doubleValue());
            out.gauge("framegrid_payment_reserve_wei", "The sender's TicketBroker reserve, in wei", labels,
                    state.reserve().doubleValue());
        }
    }

    /**
     * Outside a framework (org.framegrid.payment.tickets.embedded): as DS would make it, with {@code chain} bound
     * from the start.
     *
     * @param chain reads and adds the sender's funds, or {@code null}
     */
    public TicketPaymentSender(Config config, TicketChain chain) {
        this(config);
        this.chain = chain;
    }

    @Override
    public String scheme() {
        return TicketCodec.SCHEME;
    }

    @Override
    public Payment pay(String recipient, PaymentTerms terms, Price price, long units) throws PaymentException {
        return sender.pay(recipient, terms, price, units);
    }

    @Override
    public void delivered(String recipient, BigInteger value) {
        sender.delivered(recipient, value);
    }

    @Override
    public void released(String recipient, BigInteger value) {
        sender.delivered(recipient, value); // either way it leaves the value at risk
    }

    @Override
    public BigInteger valueAtRisk(String recipient) {
        return sender.valueAtRisk(recipient);
    }

    @Override
    public SenderFunds funds() throws PaymentException {
        TicketChain current = requireChain("read funds");
        try {
            SenderState state = current.sender(sender.address(), sender.address());
            return new SenderFunds(state.deposit(), state.reserve(), state.withdrawRound());
        } catch (IllegalStateException e) {
            throw new PaymentException("ticket sender " + sender.address() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void fund(BigInteger deposit, BigInteger reserve) throws PaymentException {
        TicketChain current = requireChain("fund deposit and reserve");
        try {
            current.fund(sender.address(), deposit, reserve);
        } catch (IllegalStateException e) {
            throw new PaymentException("ticket sender " + sender.address() + ": " + e.getMessage(), e);
        }
    }

    private TicketChain requireChain(String what) throws PaymentException {
        TicketChain current = chain;
        if (current == null) {
            throw new PaymentException("ticket sender " + sender.address() + ": cannot " + what
                    + ": no TicketChain service");
        }
        return current;
    }
}
