package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.framegrid.payment.api.PaymentTerms;
import org.framegrid.testing.MemoryTicketChain;

/** A recipient and a sender wired to a {@link MemoryTicketChain} and a store in a temporary folder. */
final class Fixture implements AutoCloseable {
    static final BigInteger EV = BigInteger.valueOf(1_000_000_000_000L);
    static final String SENDER_KEY = CryptoTest.KEY0;
    final MemoryTicketChain chain = new MemoryTicketChain();
    final Secp256k1 ec = Secp256k1Provider.best();
    final WinningTicketStore store;
    final TicketRecipient recipient;
    final TicketSender sender;
    final List<Long> winners = new CopyOnWriteArrayList<>();

    Fixture(Path dir, String address, long chainCacheMillis) {
        this(dir, address, chainCacheMillis, EV);
    }

    Fixture(Path dir, String address, long chainCacheMillis, BigInteger ev) {
        store = WinningTicketStore.open(dir.resolve("winners.mv"));
        recipient = new TicketRecipient(address, chain, store, ec,
                new TicketRecipient.Settings(ev, 100, 350_000, 40, chainCacheMillis), winners::add);
        sender = new TicketSender(new EthKey(Bytes.unhex(SENDER_KEY), ec),
                new TicketSender.Settings(new BigInteger("1000000000000000000000"), BigInteger.ZERO));
    }

    void fundSender(BigInteger deposit, BigInteger reserve) {
        chain.fund(sender.address(), deposit, reserve);
    }

    PaymentTerms terms() throws Exception {
        return new PaymentTerms(TicketCodec.SCHEME, TicketCodec.encodeTerms(recipient.params(sender.address())));
    }

    @Override
    public void close() {
        store.close();
    }
}
