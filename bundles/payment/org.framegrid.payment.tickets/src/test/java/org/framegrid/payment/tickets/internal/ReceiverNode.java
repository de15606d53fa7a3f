package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import org.framegrid.payment.api.PaymentTerms;
import org.framegrid.payment.api.Price;
import org.framegrid.payment.api.Receipt;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.payment.api.ticket.TicketRedeemer;
import org.framegrid.payment.api.ticket.WinningTicket;

/**
 * An orchestrator's ticket side as its component wires it (recipient, store, redemption worker), which a test can
 * start, kill (no clean close: as SIGKILL leaves the store) and start again on the same store file. Payments are
 * checked against {@code reads}; winners are redeemed through {@code redemption} and {@code redeemer}, so a test can
 * break the redemption path alone.
 */
final class ReceiverNode implements AutoCloseable {
    private final Path storeFile;
    private final String address;
    private final TicketChain reads;
    private final TicketChain redemption;
    private final TicketRedeemer redeemer;
    private final BigInteger ev;
    /** Every winner acknowledged (store id → face value), across restarts. */
    private final Map<Long, BigInteger> acknowledged = new java.util.concurrent.ConcurrentHashMap<>();
    private WinningTicketStore store;
    private TicketRecipient recipient;
    private RedemptionWorker worker;

    ReceiverNode(Path storeFile, String address, TicketChain reads, TicketChain redemption, TicketRedeemer redeemer,
            BigInteger ev) {
        this.storeFile = storeFile;
        this.address = address;
        this.reads = reads;
        this.redemption = redemption;
        this.redeemer = redeemer;
        this.ev = ev;
    }

    /** Opens the store and redeems what it holds, as the component's activation does. */
    ReceiverNode start() {
        store = WinningTicketStore.open(storeFile);
        RedemptionWorker[] late = new RedemptionWorker[1];
        recipient = new TicketRecipient(address, reads, store, Secp256k1Provider.best(),
                new TicketRecipient.Settings(ev, 100, 350_000, 40, 0), id -> {
                    acknowledged.put(id, store.get(id).ticket().faceValue());
                    late[0].submit(id);
                });
        worker = new RedemptionWorker(store, () -> redeemer, redemption,
                new RedemptionWorker.Settings(20, 200, 350_000, 20), recipient::settled);
        late[0] = worker;
        store.pending().values().forEach(recipient::restorePending);
        worker.recover();
        return this;
    }

    /** The process dies: the worker's thread stops wherever it is, the store gets no final commit. */
    void kill() {
        worker.close();
        store.closeAbruptly();
    }

    /** Pays {@code tickets} tickets of {@code sender} for one session and returns the receipt. */
    Receipt pay(TicketSender sender, int tickets) throws Exception {
        PaymentTerms terms = new PaymentTerms(TicketCodec.SCHEME, TicketCodec.encodeTerms(recipient.params(
                sender.address())));
        TicketParams params = TicketCodec.decodeTerms(terms.data());
        return recipient.receive("session", sender.pay(address, terms, new Price(params.expectedValue(), 1), tickets)
                .data());
    }

    /** @return every winner acknowledged since the first start (store id → face value) */
    Map<Long, BigInteger> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    Map<Long, WinningTicket> pending() {
        return store.pending();
    }

    String outcome(long id) {
        return store.outcome(id);
    }

    @Override
    public void close() {
        worker.close();
        store.close();
    }
}
