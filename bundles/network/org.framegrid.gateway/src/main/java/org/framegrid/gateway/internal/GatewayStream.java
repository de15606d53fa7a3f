package org.framegrid.gateway.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.framegrid.payment.api.Payment;
import org.framegrid.payment.api.PaymentTerms;
import org.framegrid.payment.api.Price;
import org.framegrid.selection.api.Observation;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.channel.SegmentWriter;
import org.framegrid.trickle.client.TrickleClient;

/**
 * One developer stream: the local input and output channels the developer uses, and the current attempt on an
 * orchestrator. The supervisor thread watches the attempt; when the orchestrator fails (a trickle call fails) or
 * stalls (no output for {@code stallMillis} while input flows), it is reported to the selector (which suspends it),
 * the next candidate gets a session with the latest params, input resumes at the live edge and output continues in
 * the same local output channel. The time from the last output byte before the failure to the first one after it
 * is the gap.
 */
final class GatewayStream {
    private static final Logger LOG = Logger.getLogger(GatewayStream.class.getName());

    final String id;
    final String pipeline;
    final SegmentChannel input;
    final SegmentChannel output;
    private final Gateway gateway;
    final Map<String, Object> params = new LinkedHashMap<>();
    final List<String> failures = new ArrayList<>();
    final Set<String> tried = new HashSet<>();
    final AtomicLong segmentsIn = new AtomicLong();
    final AtomicLong segmentsOut = new AtomicLong();
    final AtomicLong payments = new AtomicLong();
    volatile BigInteger paidWei = BigInteger.ZERO;
    volatile BigInteger deliveredWei = BigInteger.ZERO;
    final AtomicLong termsRefreshed = new AtomicLong();
    volatile int swaps;
    volatile long lastGapMillis = -1;
    volatile long lastInputNanos;
    volatile long lastOutputNanos;
    private volatile long gapStartNanos;
    private volatile Attempt attempt;
    private volatile boolean stopped;
    private Thread supervisor;

    GatewayStream(String id, String pipeline, Map<String, Object> params, SegmentChannel input, SegmentChannel output,
                  Gateway gateway) {
        this.id = id;
        this.pipeline = pipeline;
        this.params.putAll(params);
        this.input = input;
        this.output = output;
        this.gateway = gateway;
    }

    /** The session on one orchestrator and the two pumps feeding it. */
    final class Attempt {
        final OrchestratorApi.Info info;
        final String session;
        final URI oInput;
        final URI oOutput;
        final URI oControl;
        final URI oEvents;
        final long startedNanos = System.nanoTime();
        volatile String failure;
        volatile Observation.Outcome outcome;
        volatile long lastPaymentNanos = System.nanoTime();
        /** The terms payments are made under; fetched again when the orchestrator says they expired. */
        volatile PaymentTerms terms;
        /** Up to when delivered output has been reported to the payment sender. */
        volatile long deliveredNanos = startedNanos;
        final List<Thread> pumps = new ArrayList<>();

        Attempt(OrchestratorApi.Info info, Map<?, ?> started) {
            this.info = info;
            this.terms = info.terms();
            this.session = String.valueOf(started.get("id"));
            this.oInput = URI.create(String.valueOf(started.get("input")));
            this.oOutput = URI.create(String.valueOf(started.get("output")));
            this.oControl = URI.create(String.valueOf(started.get("control")));
            this.oEvents = URI.create(String.valueOf(started.get("events")));
        }

        void fail(Observation.Outcome o, String why) {
            if (failure == null && !stopped) {
                outcome = o;
                failure = why;
            }
        }

        boolean live() {
            return failure == null && !stopped && attempt == this;
        }
    }

    /** Starts on the first usable orchestrator; throws with every refusal if none takes the stream. */
    void start() throws IOException, InterruptedException {
        attempt = gateway.open(this, Set.of());
        lastOutputNanos = System.nanoTime();
        pumps(attempt, 0);
        supervisor = Thread.ofVirtual().name("gateway-stream-" + id).start(this::supervise);
    }

    private void pumps(Attempt a, long inputFrom) {
        a.pumps.add(Thread.ofVirtual().name("gateway-in-" + id).start(() -> pumpInput(a, inputFrom)));
        a.pumps.add(Thread.ofVirtual().name("gateway-out-" + id).start(() -> pumpOutput(a)));
    }

    private void pumpInput(Attempt a, long from) {
        TrickleClient client = gateway.trickle();
        long next = from;
        try {
            while (a.live()) {
                SegmentChannel.Segment s = input.await(next, 200, TimeUnit.MILLISECONDS);
                if (s == null) {
                    continue;
                }
                next = s.sequence() + 1;
                lastInputNanos = System.nanoTime();
                InputStream bytes = new MarkingStream(s.bytes(), () -> lastInputNanos = System.nanoTime());
                client.publish(a.oInput, -1, bytes);
                segmentsIn.incrementAndGet();
            }
        } catch (IOException e) {
            a.fail(Observation.Outcome.FAILURE, "input to " + a.info.candidate().address() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pumpOutput(Attempt a) {
        TrickleClient client = gateway.trickle();
        long next = 0;
        try {
            while (a.live()) {
                TrickleClient.Segment s = client.read(a.oOutput, next);
                next = s.sequence() + 1;
                SegmentWriter w = output.publish();
                try (InputStream in = s.bytes()) {
                    byte[] buf = new byte[32 * 1024];
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        if (n > 0) {
                            markOutput();
                            w.write(buf, 0, n);
                        }
                    }
                    w.close();
                    segmentsOut.incrementAndGet();
                    delivered(a);
                } catch (IOException e) {
                    w.abort(); // never replay: the reader gets the partial segment, then the next one
                    throw e;
                }
            }
        } catch (IOException e) {
            a.fail(Observation.Outcome.FAILURE, "output from " + a.info.candidate().address() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Output arrived: the stream time since the last report was worked for, which lowers the value at risk with the
     * orchestrator (live video: wall time between outputs is stream time).
     */
    private void delivered(Attempt a) {
        long now = System.nanoTime();
        long millis = (now - a.deliveredNanos) / 1_000_000;
        a.deliveredNanos = now;
        BigInteger value = new Price(a.info.candidate().pricePerSecondWei(), 1000).cost(millis);
        gateway.payments().delivered(a.info.candidate().address(), value);
        synchronized (this) {
            deliveredWei = deliveredWei.add(value);
        }
    }

    private void markOutput() {
        long now = System.nanoTime();
        if (gapStartNanos != 0) {
            lastGapMillis = (now - gapStartNanos) / 1_000_000;
            gapStartNanos = 0;
            LOG.info(() -> "stream " + id + ": output resumed after " + lastGapMillis + " ms");
        }
        lastOutputNanos = now;
    }

    private void supervise() {
        try {
            while (!stopped) {
                Attempt a = attempt;
                long now = System.nanoTime();
                boolean inputFlowing = now - lastInputNanos < TimeUnit.MILLISECONDS.toNanos(1000);
                long silent = now - Math.max(lastOutputNanos, a.startedNanos);
                // A fresh session first loads its models and fills a whole segment: it gets three stall periods.
                long allowed = gateway.settings().stallMillis() * (lastOutputNanos > a.startedNanos ? 1 : 3);
                if (a.failure == null && inputFlowing && silent > TimeUnit.MILLISECONDS.toNanos(allowed)) {
                    a.fail(Observation.Outcome.STALLED, a.info.candidate().address() + " stalled: no output for "
                            + silent / 1_000_000 + " ms while input flows");
                }
                if (a.failure != null) {
                    failover(a);
                    continue;
                }
                if (now - a.lastPaymentNanos >= TimeUnit.MILLISECONDS.toNanos(gateway.settings().paymentIntervalMillis())) {
                    pay(a);
                }
                Thread.sleep(50); // the supervisor's tick: bounded detection delay, not synchronisation
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Pays for the whole seconds since the last payment (the orchestrator debits every second). */
    private void pay(Attempt a) {
        long now = System.nanoTime();
        // Whole seconds as they pass, the remainder carried to the next payment: rounding each payment up paid for
        // up to twice the stream time (a 1 s interval checked every 50 ms is 1.05 s) and inflated the value at risk.
        long seconds = Math.max(1, (now - a.lastPaymentNanos) / 1_000_000_000L);
        a.lastPaymentNanos += seconds * 1_000_000_000L;
        try {
            try {
                payOnce(a, seconds);
            } catch (OrchestratorApi.Refused e) {
                if (e.status != 402 || !staleTerms(e.body)) {
                    throw e;
                }
                // Terms expire with rounds and blocks, and a replaced payment bundle no longer knows old ones:
                // fetch fresh terms and pay again, instead of failing over a healthy orchestrator.
                LOG.info(() -> "stream " + id + ": terms of " + a.info.candidate().address() + " are stale ("
                        + e.body.get("reasons") + "); paying under fresh ones");
                a.terms = gateway.api().info(a.info.candidate().uri(), gateway.settings().address(), Map.of())
                        .terms();
                termsRefreshed.incrementAndGet();
                payOnce(a, seconds);
            }
        } catch (Exception e) {
            a.fail(Observation.Outcome.FAILURE, "payment to " + a.info.candidate().address() + ": " + e.getMessage());
        }
    }

    private void payOnce(Attempt a, long seconds) throws Exception {
        Payment p = gateway.payments().pay(a.info.candidate().address(), a.terms,
                new Price(a.info.candidate().pricePerSecondWei(), 1), seconds);
        gateway.api().call(a.info.candidate().uri(), "POST", "/v1/sessions/" + a.session + "/payment",
                Map.of("scheme", p.scheme(), "data", Base64.getEncoder().encodeToString(p.data())),
                Duration.ofSeconds(2));
        payments.incrementAndGet();
        synchronized (this) {
            paidWei = paidWei.add(p.value());
        }
    }

    /** @return whether the orchestrator refused a payment only because its terms were expired or unknown to it */
    private static boolean staleTerms(Map<?, ?> body) {
        return body.get("reasons") instanceof List<?> reasons && !reasons.isEmpty()
                && reasons.stream().allMatch(r -> r.equals("EXPIRED") || r.equals("TERMS_MISMATCH"));
    }

    private void failover(Attempt failed) throws InterruptedException {
        String who = failed.info.candidate().address();
        LOG.info(() -> "stream " + id + ": " + failed.failure + "; moving to another orchestrator");
        synchronized (failures) {
            failures.add(failed.failure);
        }
        gapStartNanos = lastOutputNanos;
        gateway.selector().observe(new Observation(who, failed.outcome, -1, failed.failure));
        failed.pumps.forEach(Thread::interrupt);
        gateway.closeSessionQuietly(failed);
        Set<String> exclude = new HashSet<>(tried);
        while (!stopped) {
            try {
                Attempt next = gateway.open(this, exclude);
                // Input resumes at the live edge: the segment being written now starts on a key frame.
                long edge = liveEdge();
                attempt = next;
                swaps++;
                pumps(next, edge);
                return;
            } catch (IOException e) {
                synchronized (failures) {
                    failures.add(e.getMessage());
                }
                exclude.clear(); // every candidate was tried: start over with whoever is not suspended
                Thread.sleep(250);
            }
        }
    }

    private long liveEdge() throws InterruptedException {
        SegmentChannel.Segment s = input.latest(0, TimeUnit.MILLISECONDS);
        return s == null ? 0 : s.sequence();
    }

    /** Sends new params to the orchestrator's control channel; they are kept and replayed after a failover. */
    void update(Map<String, Object> changes) throws IOException, InterruptedException {
        synchronized (params) {
            params.putAll(changes);
        }
        Attempt a = attempt;
        gateway.trickle().publish(a.oControl, -1, OrchestratorApi.JSON.writeValueAsBytes(changes));
    }

    Map<String, Object> paramsCopy() {
        synchronized (params) {
            return new LinkedHashMap<>(params);
        }
    }

    Map<String, Object> status() {
        Attempt a = attempt;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("pipeline", pipeline);
        m.put("orchestrator", a == null ? null : a.info.candidate().address());
        m.put("orchestratorUri", a == null ? null : a.info.candidate().uri().toString());
        m.put("session", a == null ? null : a.session);
        // The orchestrator's events channel (JSON: status every 10 s, per-frame detections, texts, lines); it
        // changes with a failover.
        m.put("events", a == null ? null : a.oEvents.toString());
        m.put("segmentsIn", segmentsIn.get());
        m.put("segmentsOut", segmentsOut.get());
        m.put("swaps", swaps);
        m.put("lastGapMillis", lastGapMillis);
        m.put("payments", payments.get());
        m.put("paidWei", paidWei.toString());
        m.put("deliveredWei", deliveredWei.toString());
        m.put("termsRefreshed", termsRefreshed.get());
        m.put("valueAtRiskWei", a == null ? "0" : gateway.payments().valueAtRisk(a.info.candidate().address())
                .toString());
        m.put("params", paramsCopy());
        synchronized (failures) {
            m.put("failures", List.copyOf(failures));
        }
        return m;
    }

    void stop() {
        stopped = true;
        if (supervisor != null) {
            supervisor.interrupt();
        }
        Attempt a = attempt;
        if (a != null) {
            a.pumps.forEach(Thread::interrupt);
            gateway.closeSessionQuietly(a);
        }
        input.close();
        output.close();
    }

    /** Passes bytes through and notes that input is flowing on every read. */
    private static final class MarkingStream extends InputStream {
        private final InputStream in;
        private final Runnable mark;

        MarkingStream(InputStream in, Runnable mark) {
            this.in = in;
            this.mark = mark;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            mark.run();
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            mark.run();
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
