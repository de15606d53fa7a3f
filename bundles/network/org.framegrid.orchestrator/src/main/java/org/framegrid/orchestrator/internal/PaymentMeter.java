package org.framegrid.orchestrator.internal;

import java.math.BigInteger;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;
import org.framegrid.payment.api.PaymentReceiver;
import org.framegrid.payment.api.PaymentRequiredException;
import org.framegrid.payment.api.Price;

/**
 * Meters the node's sessions against their payments: the initial payment must cover {@code initialSeconds}, and a
 * one-second ticker debits each running session for the second that passed if frames flowed in it (its pipeline's
 * sinks took one: output made from input, or by a source of a pipeline without input), ends a session whose balance
 * runs out or whose pipeline cannot run (its stages fail and nothing comes out: logged, never charged), and every
 * status period has each session publish its status with its balance. A second without frames costs nothing:
 * an app that pauses keeps its session and its balance. Owns the ticker thread.
 */
final class PaymentMeter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PaymentMeter.class.getName());
    /** How long a session runs without any receiver of its scheme (a payment bundle update takes well under it). */
    private static final int MAX_UNPAID_SECONDS = 30;

    private final OrchestratorSettings settings;
    private final SessionManager sessions;
    private final PaymentReceivers receivers;
    private final Price price;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("orchestrator-ticker").factory());
    private long ticks; // ticker thread only

    PaymentMeter(OrchestratorSettings settings, SessionManager sessions, PaymentReceivers receivers) {
        this.settings = settings;
        this.sessions = sessions;
        this.receivers = receivers;
        this.price = new Price(settings.pricePerSecondWei(), 1);
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** @return what the initial payment must cover: {@code initialSeconds} of stream */
    BigInteger required() {
        return price.cost(settings.initialSeconds());
    }

    /** Every second: debit each session for that second; every status period: publish each session's status. */
    private void tick() {
        try {
            boolean status = ++ticks * 1000 % Math.max(1000, settings.statusMillis()) == 0;
            for (Session s : sessions.running()) {
                Session.Second second = s.lastSecond();
                if (second.cannotRun() != null) {
                    LOG.warning(() -> settings.address() + ": session " + s.id + " (" + s.pipeline + ") ended: "
                            + second.cannotRun());
                    sessions.stop(s, second.cannotRun());
                    continue;
                }
                if (!second.flowed()) {
                    continue; // nothing flowed in this second: nothing is owed for it
                }
                PaymentReceiver payments = receivers.holding(s);
                if (payments == null) {
                    // The payment bundle is being replaced: the seconds are owed, not free, and are debited from
                    // the next receiver of the scheme; a session left without one for too long ends.
                    if (++s.unpaidSeconds > MAX_UNPAID_SECONDS) {
                        sessions.stop(s, "no payment receiver for scheme '" + s.scheme + "' for " + MAX_UNPAID_SECONDS
                                + " s");
                    }
                    continue;
                }
                try {
                    payments.debit(s.id, price, 1 + s.unpaidSeconds);
                    s.unpaidSeconds = 0;
                } catch (PaymentRequiredException e) {
                    LOG.info(() -> settings.address() + ": session " + s.id + " ended: " + e.getMessage());
                    sessions.stop(s, e.getMessage());
                    continue;
                }
                if (status) {
                    s.publishStatus(payments.balance(s.id).toString());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "orchestrator tick failed", e);
        }
    }

    /** Stops the ticker. */
    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
