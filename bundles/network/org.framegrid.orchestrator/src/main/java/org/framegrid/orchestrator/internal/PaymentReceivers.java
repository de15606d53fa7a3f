package org.framegrid.orchestrator.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.framegrid.payment.api.PaymentReceiver;

/**
 * The payment receivers an orchestrator can use, ordered as the payment API asks: new sessions take the
 * highest-ranked one; a session keeps its own receiver while it is registered, and moves to the best receiver of
 * the same scheme when its receiver goes (a payment bundle replaced at run time saves its balances and the new
 * version restores them).
 *
 * <p>Thread-safe: bind and unbind come from SCR while session threads read.
 */
public final class PaymentReceivers {
    private static final Logger LOG = Logger.getLogger(PaymentReceivers.class.getName());

    /** One registered receiver with its service ranking and id (a lower id wins a tie, as for OSGi services). */
    record Entry(PaymentReceiver receiver, int ranking, long serviceId) {
    }

    private static final Comparator<Entry> BEST_FIRST = Comparator.comparingInt(Entry::ranking).reversed()
            .thenComparingLong(Entry::serviceId);

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private volatile Supplier<String> absence = () -> PaymentAbsence.reason(null);

    /** A registry holding one receiver, for nodes built without OSGi. */
    public static PaymentReceivers of(PaymentReceiver receiver) {
        PaymentReceivers r = new PaymentReceivers();
        r.add(receiver, 0, 0);
        return r;
    }

    public void add(PaymentReceiver receiver, int ranking, long serviceId) {
        entries.add(new Entry(receiver, ranking, serviceId));
    }

    /** Removes exactly this receiver (a replacement of the same scheme may already be bound: GREEDY binds first). */
    public void remove(PaymentReceiver receiver) {
        entries.removeIf(e -> e.receiver() == receiver);
    }

    /** @param reason says why no receiver is registered ({@link #whyNone}), e.g. from SCR's view of the components */
    void explainAbsence(Supplier<String> reason) {
        absence = reason;
    }

    /** @return why there is no receiver now, one line starting "no payment receiver" */
    String whyNone() {
        return absence.get();
    }

    /** @return the highest-ranked receiver: the one new sessions use */
    Optional<PaymentReceiver> best() {
        return entries.stream().min(BEST_FIRST).map(Entry::receiver);
    }

    /** @return the highest-ranked receiver of {@code scheme} */
    Optional<PaymentReceiver> best(String scheme) {
        return entries.stream().filter(e -> e.receiver().scheme().equals(scheme)).min(BEST_FIRST)
                .map(Entry::receiver);
    }

    /**
     * The receiver holding a session's balance: its own while registered, else the best one of its scheme now (which
     * restored the balances its predecessor saved, and becomes the session's own), else {@code null}.
     */
    PaymentReceiver holding(Session s) {
        PaymentReceiver own = s.receiver;
        if (own != null && entries.stream().anyMatch(e -> e.receiver() == own)) {
            return own;
        }
        PaymentReceiver next = best(s.scheme).orElse(null);
        if (next != null) {
            s.receiver = next;
            LOG.info(() -> "session " + s.id + " continues with a new '" + s.scheme + "' payment receiver");
        }
        return next;
    }
}
