package org.framegrid.payment.tickets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.framegrid.payment.api.PaymentTerms;
import org.framegrid.payment.api.Price;
import org.framegrid.payment.api.Receipt;
import org.framegrid.payment.api.RejectionReason;
import org.framegrid.payment.api.ticket.TicketChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short RPC outage does not refuse payments: the recipient checks tickets against the round and the sender's funds
 * it read last, for the outage grace after that read; past the grace it refuses them as UNAVAILABLE. (`./framegrid
 * soak` found it: during a 30 s RPC cut every orchestrator refused every payment, the gateway failed every stream over
 * and suspended every orchestrator, and the streams stayed down long after the RPC came back.)
 */
class ChainOutageTest {
    private static final Price PRICE = new Price(BigInteger.valueOf(1_000_000_000_000L), 1);

    @TempDir
    Path dir;
    private Fixture fx;
    private final AtomicBoolean down = new AtomicBoolean();
    private TicketChain chain;
    private WinningTicketStore store;

    @BeforeEach
    void setUp() {
        fx = new Fixture(dir, CryptoTest.ADDRESS1, 0);
        fx.fundSender(ReceiverTest.ETH, ReceiverTest.ETH);
        chain = cuttable(fx.chain, down);
        store = WinningTicketStore.open(dir.resolve("outage.mv"));
    }

    @AfterEach
    void tearDown() {
        store.close();
        fx.close();
    }

    /** @return {@code chain}, except that while {@code down} is set every call fails as an unreachable RPC node does */
    static TicketChain cuttable(TicketChain chain, AtomicBoolean down) {
        return (TicketChain) Proxy.newProxyInstance(TicketChain.class.getClassLoader(),
                new Class<?>[] {TicketChain.class}, (self, method, args) -> {
                    if (down.get() && method.getDeclaringClass() == TicketChain.class) {
                        throw new IllegalStateException(method.getName() + ": the node at http://127.0.0.1:8545 "
                                + "failed: Connection refused");
                    }
                    try {
                        return method.invoke(chain, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private TicketRecipient recipient(long graceMillis) {
        List<Long> winners = new CopyOnWriteArrayList<>();
        return new TicketRecipient(CryptoTest.ADDRESS1, chain, store, fx.ec,
                new TicketRecipient.Settings(Fixture.EV, 100, 350_000, 40, 0, graceMillis), winners::add);
    }

    private PaymentTerms terms(TicketRecipient recipient) throws Exception {
        return new PaymentTerms(TicketCodec.SCHEME, TicketCodec.encodeTerms(recipient.params(fx.sender.address())));
    }

    private Receipt pay(TicketRecipient recipient, PaymentTerms terms) throws Exception {
        return recipient.receive("s1", fx.sender.pay(CryptoTest.ADDRESS1, terms, PRICE, 5).data());
    }

    /** Pays once with the chain up, then takes the chain down. @return the terms that payment used */
    private PaymentTerms paidThenChainDown(TicketRecipient recipient) throws Exception {
        PaymentTerms terms = terms(recipient);
        assertTrue(pay(recipient, terms).accepted(), "with the chain up");
        down.set(true);
        return terms;
    }

    @Test
    void paymentsAndTermsGoOnWhileTheChainIsDownWithinTheGrace() throws Exception {
        TicketRecipient recipient = recipient(60_000);
        PaymentTerms terms = paidThenChainDown(recipient);
        Receipt during = pay(recipient, terms);
        assertTrue(during.accepted() && during.rejections().isEmpty(), "during the outage: " + during);
        assertTrue(during.credited().signum() > 0, during.toString());
        Receipt fresh = pay(recipient, terms(recipient)); // a new session's terms too (a failover during the outage)
        assertTrue(fresh.accepted() && fresh.rejections().isEmpty(), "new terms during the outage: " + fresh);
    }

    @Test
    void pastTheGraceTheyAreRefusedAsUnavailable() throws Exception {
        TicketRecipient recipient = recipient(300);
        PaymentTerms terms = paidThenChainDown(recipient);
        Thread.sleep(400);
        Receipt late = pay(recipient, terms);
        assertEquals(RejectionReason.UNAVAILABLE, late.rejections().get(0).reason(), late.toString());
        assertEquals(BigInteger.ZERO, late.credited());
    }
}
