package org.framegrid.runtime.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.framegrid.payment.api.Payment;
import org.framegrid.payment.api.PaymentReceiver;
import org.framegrid.payment.api.PaymentSender;
import org.framegrid.payment.api.PaymentTerms;
import org.framegrid.payment.api.Price;
import org.framegrid.payment.api.Receipt;
import org.framegrid.payment.api.RejectionReason;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.payment.api.ticket.TicketRedeemer;
import org.framegrid.payment.api.ticket.WinningTicket;
import org.framegrid.testing.Await;
import org.framegrid.testing.MemoryTicketChain;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The payment provider bundle (the ticket implementation of the payment SPI) replaced at run time under a paying
 * session: a newer release of {@code org.framegrid.payment.tickets} is installed over the running one with
 * {@link Bundle#update(InputStream)}. The new provider serves new sessions; the running session keeps its balance and
 * its further payments are credited; winning tickets accepted by the old provider and not yet redeemed are redeemed
 * by the new one. The chain is an in-memory {@link TicketChain} registered by the test, so the run needs no anvil.
 */
public class PaymentSwapIT extends NodeTest {

    private static final String BSN = "org.framegrid.payment.tickets";
    private static final String RECIPIENT = TicketConfig.RECIPIENT;
    private static final Price PRICE = TicketConfig.PRICE;
    private static final BigInteger ETH = TicketConfig.ETH;

    @Inject
    private ConfigurationAdmin configurations;

    @Test
    public void paymentBundleIsReplacedUnderAPayingSession() throws Exception {
        MemoryTicketChain chain = new MemoryTicketChain();
        ServiceRegistration<TicketChain> chainRegistration = context.registerService(TicketChain.class, chain, null);
        Path work = NodeBundles.workDir("payment");
        TicketConfig.apply(configurations, work);
        Bundle tickets = Arrays.stream(context.getBundles()).filter(b -> BSN.equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        String oldVersion = tickets.getVersion().toString();
        ServiceRegistration<TicketRedeemer> redeemerRegistration = null;
        try {
            PaymentReceiver oldReceiver = await(PaymentReceiver.class, oldVersion);
            PaymentSender oldSender = await(PaymentSender.class, oldVersion);
            oldSender.fund(ETH, ETH);
            String sender = chain.senders().iterator().next();

            // A session paid and partly worked off through the running provider; one payment still in flight.
            PaymentTerms oldTerms = oldReceiver.terms(sender);
            Receipt first = oldReceiver.receive("running", oldSender.pay(RECIPIENT, oldTerms, PRICE, 10).data());
            assertTrue(first.toString(), first.accepted());
            oldReceiver.debit("running", PRICE, 3);
            BigInteger balance = oldReceiver.balance("running");
            assertEquals(first.credited().subtract(PRICE.cost(3)), balance);
            Payment inFlight = oldSender.pay(RECIPIENT, oldTerms, PRICE, 5);

            // The newer release replaces the running bundle: same classes, a higher version.
            Path newer = work.resolve("payment-tickets-next.jar");
            Bundles.withHeaders(Path.of(URI.create(tickets.getLocation())), newer,
                    Map.of("Bundle-Version", "0.2.0.next"));
            long updateStart = System.nanoTime();
            try (InputStream in = Files.newInputStream(newer)) {
                tickets.update(in);
            }
            PaymentReceiver receiver = await(PaymentReceiver.class, "0.2.0.next");
            PaymentSender paymentSender = await(PaymentSender.class, "0.2.0.next");
            long updateMillis = (System.nanoTime() - updateStart) / 1_000_000;
            assertNotEquals(oldReceiver, receiver);
            assertEquals("one receiver, the new one", 1, references(PaymentReceiver.class).size());

            // The running session: its balance is intact and its payments are accepted.
            assertEquals("the balance survives the swap", balance, receiver.balance("running"));
            Receipt stale = receiver.receive("running", inFlight.data());
            assertEquals("terms issued before the swap are not accepted by the new provider (fresh secret): "
                    + stale, RejectionReason.TERMS_MISMATCH, stale.rejections().get(0).reason());
            assertEquals("a refused payment credits nothing", balance, receiver.balance("running"));
            Receipt again = receiver.receive("running",
                    paymentSender.pay(RECIPIENT, receiver.terms(sender), PRICE, 5).data());
            assertTrue(again.toString(), again.accepted());
            assertEquals(balance.add(again.credited()), receiver.balance("running"));
            receiver.debit("running", PRICE, 5);

            // A new session is served by the new provider.
            Receipt fresh = receiver.receive("new", paymentSender.pay(RECIPIENT, receiver.terms(sender), PRICE, 10)
                    .data());
            assertTrue(fresh.toString(), fresh.accepted());
            assertEquals(fresh.credited(), receiver.balance("new"));

            // Winners: the one the old provider stored before the swap is redeemed too, once a redeemer comes.
            RecordingRedeemer redeemer = new RecordingRedeemer();
            redeemerRegistration = context.registerService(TicketRedeemer.class, redeemer, null);
            Await.until("all three winning tickets redeemed: " + redeemer.redeemed, WAIT_MILLIS,
                    () -> redeemer.redeemed.size() == 3);
            assertEquals("each once", 3, Set.copyOf(redeemer.redeemed).size());
            System.out.printf("payment bundle update under a paying session: new provider in service %d ms after "
                    + "Bundle.update; balance %s wei kept; 1 in-flight payment under old terms refused "
                    + "(TERMS_MISMATCH), re-paid under new terms; 3 of 3 winners redeemed%n", updateMillis, balance);
        } finally {
            if (redeemerRegistration != null) {
                redeemerRegistration.unregister();
            }
            TicketConfig.remove(configurations);
            chainRegistration.unregister();
        }
    }

    /** Waits for the service of {@code type} from the payment bundle at {@code version}. */
    private <S> S await(Class<S> type, String version) throws Exception {
        ServiceReference<S>[] found = new ServiceReference[1];
        Await.until(type.getSimpleName() + " from " + BSN + " " + version, WAIT_MILLIS, () -> {
            for (ServiceReference<S> reference : references(type)) {
                if (reference.getBundle() != null && version.equals(reference.getBundle().getVersion().toString())) {
                    found[0] = reference;
                    return true;
                }
            }
            return false;
        });
        S service = context.getService(found[0]);
        assertNotNull(service);
        return service;
    }

    private <S> Collection<ServiceReference<S>> references(Class<S> type) {
        try {
            return context.getServiceReferences(type, "(" + PaymentReceiver.SCHEME + "=tickets)");
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** Records the winners it is asked to redeem (recipientRand/nonce) and "mines" them at once. */
    static final class RecordingRedeemer implements TicketRedeemer {
        final List<String> redeemed = new CopyOnWriteArrayList<>();

        @Override
        public String redeem(WinningTicket ticket) {
            redeemed.add(ticket.recipientRand() + "/" + ticket.ticket().senderNonce());
            return "0x" + Integer.toHexString(redeemed.size());
        }
    }
}
