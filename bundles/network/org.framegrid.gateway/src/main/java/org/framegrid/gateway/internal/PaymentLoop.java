package org.framegrid.gateway.internal;

import java.math.BigInteger;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.logging.Logger;
import org.framegrid.gateway.embedded.GatewaySettings;
import org.framegrid.payment.api.Payment;
import org.framegrid.payment.api.PaymentSender;
import org.framegrid.payment.api.PaymentTerms;
import org.framegrid.payment.api.Price;
import org.framegrid.selection.api.Observation;

/**
 * Pays the orchestrator serving a stream for the stream time that passed, on a virtual thread of its own: every
 * payment interval, the whole seconds since the last payment (the orchestrator debits every second), under terms
 * fetched again when the orchestrator says they expired. Only time in which frames flowed (input, or the output of a
 * pipeline without input video) is paid: an interval without any is skipped, never paid later (an idle stream once
 * paid 41 times for no frame), and so is every interval before a session's first output (a session whose pipeline
 * cannot run was paid for its first seconds, until the stall check failed it over). Also tells the payment sender
 * what output was delivered, which lowers the value at risk, and, when a session stops serving the stream (replaced
 * or closed), releases what it was paid and did not deliver. A payment that fails marks the session failed: the stream then fails over; one that only timed out (a
 * loaded orchestrator answering late) does so at the {@value #MAX_SLOW_PAYMENTS}th in a row: until then its interval
 * stays unpaid (never paid twice) and the output shows whether the orchestrator serves (the stall check).
 */
final class PaymentLoop implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PaymentLoop.class.getName());
    /** The loop's tick: how late a payment may be, not synchronisation. */
    private static final long TICK_MILLIS = 50;
    /** Payments in a row whose answer timed out before the session is failed. */
    static final int MAX_SLOW_PAYMENTS = 3;

    /** What one session has been paid and delivered. */
    private static final class Account {
        final OrchestratorSession session;
        /** Up to when the stream time was paid for. */
        volatile long paidNanos;
        /** Up to when delivered output has been reported to the payment sender. */
        volatile long deliveredNanos;
        /** The terms payments are made under; fetched again when the orchestrator says they expired. */
        volatile PaymentTerms terms;
        /** Paid to this session (its initial payment included) and delivered by it; guarded by the loop. */
        BigInteger paid;
        BigInteger delivered = BigInteger.ZERO;
        boolean released;
        /** Payments in a row that timed out; loop thread only. */
        int slowPayments;

        Account(OrchestratorSession session) {
            this.session = session;
            this.paidNanos = session.startedNanos;
            this.deliveredNanos = session.startedNanos;
            this.terms = session.info.terms();
            this.paid = session.initialPayment;
        }
    }

    private final String streamId;
    private final GatewaySettings settings;
    private final PaymentSender payments;
    private final OrchestratorApi api;
    private volatile Account account;
    private volatile long count;
    private volatile long termsRefreshed;
    private BigInteger paidWei = BigInteger.ZERO; // guarded by this
    private BigInteger deliveredWei = BigInteger.ZERO; // guarded by this
    private Thread thread;
    private volatile long idleIntervals;
    private volatile long beforeOutput;

    PaymentLoop(String streamId, GatewaySettings settings, PaymentSender payments, OrchestratorApi api) {
        this.streamId = streamId;
        this.settings = settings;
        this.payments = payments;
        this.api = api;
    }

    /** A session serves the stream from now on: its initial payment counts, and the next payments go to it. */
    synchronized void opened(OrchestratorSession s) {
        paidWei = paidWei.add(s.initialPayment);
        Account previous = account;
        account = new Account(s);
        if (previous != null) {
            release(previous);
        }
    }

    /**
     * @param inputSince whether frames moved after a {@link System#nanoTime()}: intervals without any are not paid
     * @param outputSince whether output came after a {@link System#nanoTime()}: a session is not paid (beyond its
     *     initial payment) before its first output, as its pipeline may not be able to run at all
     */
    void start(LongPredicate inputSince, LongPredicate outputSince) {
        thread = Thread.ofVirtual().name("gateway-pay-" + streamId).start(() -> loop(inputSince, outputSince));
    }

    private void loop(LongPredicate inputSince, LongPredicate outputSince) {
        long interval = TimeUnit.MILLISECONDS.toNanos(settings.paymentIntervalMillis());
        try {
            while (true) {
                Account a = account;
                if (a.session.failure() == null && System.nanoTime() - a.paidNanos >= interval) {
                    long from = a.paidNanos;
                    long seconds = dueSeconds(a);
                    if (!outputSince.test(a.session.startedNanos)) {
                        beforeOutput++; // the session made nothing yet: not paid, now or later
                    } else if (inputSince.test(from)) {
                        pay(a, seconds);
                    } else {
                        idleIntervals++; // no frame in it: not paid, now or later
                    }
                }
                Thread.sleep(TICK_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed
        }
    }

    /** @return the whole seconds since the last paid point, which moves past them */
    private static long dueSeconds(Account a) {
        // Whole seconds as they pass, the remainder carried to the next payment: rounding each payment up paid for
        // up to twice the stream time (a 1 s interval checked every 50 ms is 1.05 s) and inflated the value at risk.
        long seconds = Math.max(1, (System.nanoTime() - a.paidNanos) / 1_000_000_000L);
        a.paidNanos += seconds * 1_000_000_000L;
        return seconds;
    }

    /** Pays for {@code seconds} of stream. */
    private void pay(Account a, long seconds) {
        OrchestratorSession s = a.session;
        try {
            try {
                payOnce(a, seconds);
            } catch (OrchestratorApi.Refused e) {
                if (e.status != 402 || !staleTerms(e.body)) {
                    throw e;
                }
                // Terms expire with rounds and blocks, and a replaced payment bundle no longer knows old ones:
                // fetch fresh terms and pay again, instead of failing over a healthy orchestrator.
                LOG.info(() -> "stream " + streamId + ": terms of " + s.address() + " are stale ("
                        + e.body.get("reasons") + "); paying under fresh ones");
                a.terms = api.info(s.uri(), settings.address(), Map.of()).terms();
                termsRefreshed++;
                payOnce(a, seconds);
            }
            a.slowPayments = 0;
        } catch (HttpTimeoutException e) {
            int inARow = ++a.slowPayments;
            if (inARow < MAX_SLOW_PAYMENTS) {
                LOG.info(() -> "stream " + streamId + ": payment to " + s.address() + " timed out (" + inARow
                        + " in a row; the session fails at " + MAX_SLOW_PAYMENTS + "); its " + seconds
                        + " s are not paid again");
                return;
            }
            s.fail(Observation.Outcome.FAILURE, "payment to " + s.address() + ": " + MAX_SLOW_PAYMENTS
                    + " payments in a row timed out");
        } catch (Exception e) {
            s.fail(Observation.Outcome.FAILURE, "payment to " + s.address() + ": " + e.getMessage());
        }
    }

    private void payOnce(Account a, long seconds) throws Exception {
        OrchestratorSession s = a.session;
        Payment p = payments.pay(s.address(), a.terms, new Price(s.info.candidate().pricePerSecondWei(), 1), seconds);
        synchronized (this) {
            // At risk from now, whether the orchestrator takes it or not: released with the session.
            a.paid = a.paid.add(p.value());
            if (a.released) {
                release(a, p.value()); // paid while the session was being replaced: nothing will deliver it
            }
        }
        try {
            api.call(s.uri(), "POST", "/v1/sessions/" + s.id + "/payment",
                    Map.of("scheme", p.scheme(), "data", Base64.getEncoder().encodeToString(p.data())),
                    Duration.ofSeconds(2));
        } catch (OrchestratorApi.Refused e) {
            if (e.status != 409) {
                throw e;
            }
            // Not taken: the session had made no output yet when it arrived (its first output is on the way).
            synchronized (this) {
                a.paid = a.paid.subtract(p.value());
                if (!a.released) {
                    release(a, p.value());
                }
            }
            LOG.info(() -> "stream " + streamId + ": " + s.address() + " took no payment yet: " + e.getMessage());
            return;
        }
        synchronized (this) {
            paidWei = paidWei.add(p.value());
        }
        count++; // last: a payment counted is one whose value is in paidWei
    }

    /** @return whether the orchestrator refused a payment only because its terms were expired or unknown to it */
    private static boolean staleTerms(Map<?, ?> body) {
        return body.get("reasons") instanceof List<?> reasons && !reasons.isEmpty()
                && reasons.stream().allMatch(r -> r.equals("EXPIRED") || r.equals("TERMS_MISMATCH"));
    }

    /**
     * A segment of output arrived whole: the stream time since the last report was worked for, which lowers the
     * value at risk with the orchestrator (live video: wall time between outputs is stream time).
     */
    void delivered(OrchestratorSession s) {
        Account a = account;
        if (a == null || a.session != s) {
            return; // a late report of a session that no longer serves the stream
        }
        long now = System.nanoTime();
        long millis = (now - a.deliveredNanos) / 1_000_000;
        a.deliveredNanos = now;
        BigInteger value = new Price(s.info.candidate().pricePerSecondWei(), 1000).cost(millis);
        payments.delivered(s.address(), value);
        synchronized (this) {
            deliveredWei = deliveredWei.add(value);
            a.delivered = a.delivered.add(value);
        }
    }

    /** A session no longer serves the stream: what it was paid beyond what it delivered is no longer at risk. */
    private synchronized void release(Account a) {
        if (!a.released) {
            a.released = true;
            release(a, a.paid.subtract(a.delivered));
        }
    }

    private void release(Account a, BigInteger value) {
        if (value.signum() > 0) {
            payments.released(a.session.address(), value);
        }
    }

    /** @return payment intervals skipped because no input flowed in them */
    long idleIntervals() {
        return idleIntervals;
    }

    /** @return payment intervals skipped because the serving session had not made any output yet */
    long intervalsBeforeOutput() {
        return beforeOutput;
    }

    /** @return periodic payments made (initial payments not counted) */
    long payments() {
        return count;
    }

    /** @return every payment's value, initial ones included */
    synchronized BigInteger paidWei() {
        return paidWei;
    }

    /** @return the value of the output delivered so far */
    synchronized BigInteger deliveredWei() {
        return deliveredWei;
    }

    /** @return how often terms were fetched again */
    long termsRefreshed() {
        return termsRefreshed;
    }

    /** @return what the current orchestrator was paid beyond the output it delivered */
    BigInteger valueAtRisk() {
        Account a = account;
        return a == null ? BigInteger.ZERO : payments.valueAtRisk(a.session.address());
    }

    /** Stops paying and releases what the serving session was paid and did not deliver. */
    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
        }
        Account a = account;
        if (a != null) {
            release(a);
        }
    }
}
