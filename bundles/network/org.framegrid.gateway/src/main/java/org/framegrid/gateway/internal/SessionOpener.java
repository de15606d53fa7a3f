package org.framegrid.gateway.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.framegrid.gateway.embedded.GatewaySettings;
import org.framegrid.payment.api.Payment;
import org.framegrid.payment.api.PaymentSender;
import org.framegrid.payment.api.Price;
import org.framegrid.selection.api.Candidate;
import org.framegrid.selection.api.Observation;
import org.framegrid.selection.api.OrchestratorSelector;
import org.framegrid.selection.api.SelectionRequest;

/**
 * Opens a stream's session on an orchestrator, and again on another one when it fails: the gateway's open and
 * failover policy. Every known orchestrator is asked for its info at once, the selector orders the usable ones (those
 * still warming the pipeline up last), and the first that accepts the session, paid the initial amount, serves the
 * stream. Each outcome is reported to the
 * selector (which suspends failing orchestrators). Thread-safe.
 */
final class SessionOpener {
    private static final Logger LOG = Logger.getLogger(SessionOpener.class.getName());
    /** Pause between failover rounds once every orchestrator refused, doubling up to {@link #RETRY_MAX_MILLIS}. */
    private static final long RETRY_MILLIS = 250;
    /** A stream retries at least this often; 8 streams retrying every 250 ms kept loaded orchestrators from answering. */
    private static final long RETRY_MAX_MILLIS = 2_000;
    /**
     * While streams run, every orchestrator's info (price, capacity, warm pipelines, ticket terms) is asked again this
     * often, unpaid, so that a failover's first round need not wait for it (and the connections stay open).
     */
    static final long PREPARE_MILLIS = 2_000;
    /** A failover uses prepared info at most this old; older, or refused, it asks again. */
    static final long PREPARED_FRESH_MILLIS = 4_000;

    private final GatewaySettings settings;
    private final OrchestratorDiscovery discovery;
    private final OrchestratorApi api;
    private final OrchestratorSelector selector;
    private final PaymentSender payments;
    private final ExecutorService calls;
    /** The newest answers of every orchestrator asked, and when they were asked; {@code null} before the first. */
    private volatile Prepared prepared;
    private final AtomicBoolean preparing = new AtomicBoolean();

    private record Prepared(long askedNanos, Map<String, OrchestratorApi.Info> infos, List<String> refusals) {
    }

    SessionOpener(GatewaySettings settings, OrchestratorDiscovery discovery, OrchestratorApi api,
                  OrchestratorSelector selector, PaymentSender payments, ExecutorService calls) {
        this.settings = settings;
        this.discovery = discovery;
        this.api = api;
        this.selector = selector;
        this.payments = payments;
        this.calls = calls;
    }

    /**
     * Opens a session on the best orchestrator that takes it.
     *
     * @param exclude addresses not to use
     * @throws OrchestratorApi.Refused naming every refusal if none accepts (the last refusal's status, or 503 if
     *     none was usable)
     */
    OrchestratorSession open(String pipeline, Map<String, Object> params, Set<String> exclude)
            throws IOException, InterruptedException {
        List<String> refusals = new ArrayList<>();
        return open(pipeline, params, exclude, ask(refusals), refusals);
    }

    private OrchestratorSession open(String pipeline, Map<String, Object> params, Set<String> tried,
                                     Map<String, OrchestratorApi.Info> infos, List<String> refusals)
            throws IOException, InterruptedException {
        List<Candidate> reachable = infos.values().stream().map(OrchestratorApi.Info::candidate).toList();
        // Every reachable one served the stream already (o1, o2, o1, …): any that is not suspended, now, rather than
        // a round that finds none usable and a pause before the next.
        Set<String> exclude = reachable.stream().allMatch(c -> tried.contains(c.address())) ? Set.of() : tried;
        List<Candidate> selected = selector.select(new SelectionRequest(pipeline, settings.maxPricePerSecondWei(),
                exclude), reachable, 5);
        // In the selector's order, but an orchestrator still warming the pipeline up comes after those that are warm:
        // its session would start cold (a failover's gap).
        List<Candidate> order = new ArrayList<>(selected);
        order.sort(Comparator.comparing(c -> infos.get(c.address()).cold().contains(pipeline)));
        int lastStatus = 503;
        for (Candidate c : order) {
            OrchestratorApi.Info info = infos.get(c.address());
            long t = System.nanoTime();
            Payment p = null;
            try {
                p = payments.pay(c.address(), info.terms(), new Price(c.pricePerSecondWei(), 1),
                        info.initialSeconds());
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("pipeline", pipeline);
                body.put("params", params);
                body.put("sender", settings.address());
                body.put("payment", Map.of("scheme", p.scheme(), "data", Base64.getEncoder().encodeToString(p.data())));
                Map<?, ?> started = api.call(c.uri(), "POST", "/v1/sessions", body, Duration.ofSeconds(10));
                OrchestratorSession session = new OrchestratorSession(info, started, p.value());
                try {
                    for (URI channel : List.of(session.input, session.output, session.control, session.events)) {
                        api.checkScheme(channel);
                    }
                } catch (OrchestratorApi.Refused e) {
                    closeQuietly(session);
                    throw e;
                }
                selector.observe(new Observation(c.address(), Observation.Outcome.SUCCESS,
                        (System.nanoTime() - t) / 1_000_000, null));
                return session;
            } catch (OrchestratorApi.Refused e) {
                release(c, p);
                lastStatus = e.status;
                refusals.add(e.getMessage());
                selector.observe(new Observation(c.address(), e.status == 503 ? Observation.Outcome.BUSY
                        : Observation.Outcome.FAILURE, -1, e.getMessage()));
            } catch (Exception e) {
                release(c, p);
                refusals.add(c.uri() + ": " + why(e)); // e.g. a timeout has no message: its class says it
                selector.observe(new Observation(c.address(), Observation.Outcome.FAILURE, -1, e.getMessage()));
            }
        }
        for (Candidate c : reachable) {
            if (!order.contains(c)) {
                refusals.add(c.address() + ": " + unusable(c, pipeline, exclude));
            }
        }
        throw new OrchestratorApi.Refused("no orchestrator took the stream (" + order.size() + " usable of "
                + infos.size() + " reachable): " + (refusals.isEmpty() ? "no orchestrator known"
                : String.join("; ", refusals)), lastStatus);
    }

    /** @return why the selector left {@code c} out (the filters of {@link SelectionRequest}, then suspension) */
    String unusable(Candidate c, String pipeline, Set<String> exclude) {
        if (exclude.contains(c.address())) {
            return "served this stream already";
        } else if (!c.pipelines().contains(pipeline)) {
            return "does not offer pipeline " + pipeline + " now (offers " + c.pipelines() + ")";
        } else if (c.pricePerSecondWei().compareTo(settings.maxPricePerSecondWei()) > 0) {
            return "price " + c.pricePerSecondWei() + " wei/s above the cap " + settings.maxPricePerSecondWei();
        } else if (c.freeCapacity() <= 0) {
            return "no free capacity";
        } else if (selector.suspended(c.address())) {
            return "suspended after a failure";
        }
        return "not chosen by the selector";
    }

    /** An initial payment whose session did not start is not at risk: no session will deliver for it. */
    private void release(Candidate c, Payment p) {
        if (p != null) {
            payments.released(c.address(), p.value());
        }
    }

    /**
     * Asks every orchestrator for its info again, in the background, unless that was done within {@link
     * #PREPARE_MILLIS} or is under way: what a failover's first round uses. Nothing is paid for it.
     */
    void keepPrepared() {
        Prepared p = prepared;
        if ((p == null || System.nanoTime() - p.askedNanos() > TimeUnit.MILLISECONDS.toNanos(PREPARE_MILLIS))
                && preparing.compareAndSet(false, true)) {
            try {
                calls.submit(() -> {
                    try {
                        List<String> refusals = new ArrayList<>();
                        long t = System.nanoTime();
                        Map<String, OrchestratorApi.Info> infos = ask(refusals);
                        prepared = new Prepared(t, infos, List.copyOf(refusals));
                    } finally {
                        preparing.set(false);
                    }
                    return null;
                });
            } catch (RejectedExecutionException closing) {
                preparing.set(false); // the gateway is closing
            }
        }
    }

    /** @return the prepared info if fresh enough for a failover's first round, else {@code null} */
    private Prepared freshPrepared() {
        Prepared p = prepared;
        return p != null && System.nanoTime() - p.askedNanos() < TimeUnit.MILLISECONDS.toNanos(PREPARED_FRESH_MILLIS)
                ? p : null;
    }

    /** @return the info of every orchestrator that answered, by address; the others' reasons go to {@code refusals} */
    private Map<String, OrchestratorApi.Info> ask(List<String> refusals) throws InterruptedException {
        List<URI> candidates = discovery.candidates();
        Map<String, BigInteger> stakes = discovery.stakes();
        List<Future<OrchestratorApi.Info>> asked = new ArrayList<>();
        for (URI o : candidates) {
            asked.add(calls.submit(() -> api.info(o, settings.address(), stakes)));
        }
        Map<String, OrchestratorApi.Info> infos = new LinkedHashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            try {
                OrchestratorApi.Info info = asked.get(i).get();
                infos.put(info.candidate().address(), info);
                selector.observe(new Observation(info.candidate().address(), Observation.Outcome.SUCCESS,
                        info.latencyMillis(), null));
            } catch (ExecutionException e) {
                refusals.add(candidates.get(i) + ": " + why(e.getCause()));
            }
        }
        return infos;
    }

    /**
     * Asks {@code orchestrator} for its info, and forgets the answer: connection and trust are then set up. An
     * orchestrator still starting is asked again, 1 s later, then 2, 4, …, for about a minute.
     */
    void warm(URI orchestrator) {
        for (long wait = 1_000; wait <= 32_000; wait *= 2) {
            try {
                api.info(orchestrator, settings.address(), Map.of());
                return;
            } catch (IOException | RuntimeException e) {
                // seen again, with its reason, when a stream starts
            } catch (InterruptedException e) {
                return; // the gateway is closing
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** @return the reason a certificate was refused, where it was one (the TLS exception's own text is generic) */
    private static String why(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException) {
                return "TLS refused: " + t.getMessage();
            }
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * Moves a stream off a failed session: the failure goes to the selector, the session is closed, and the stream is
     * opened on another orchestrator, first one that has not served it yet, then, once every one refused, any that is
     * not suspended, round after round until one takes it.
     *
     * @param params the stream's params as they are at each attempt (they are replayed on the new session)
     * @param tried the orchestrators that served the stream so far
     * @param failures receives the reason of every round that found no orchestrator
     * @param stopped whether the stream was stopped meanwhile
     * @return the new session, or {@code null} if the stream was stopped first
     */
    OrchestratorSession failover(OrchestratorSession failed, String pipeline, Supplier<Map<String, Object>> params,
                                 Set<String> tried, Consumer<String> failures, BooleanSupplier stopped)
            throws InterruptedException {
        selector.observe(new Observation(failed.address(), failed.outcome(), -1, failed.failure()));
        closeQuietly(failed, failures);
        Set<String> exclude = new HashSet<>(tried);
        long pause = RETRY_MILLIS;
        // The first round uses the info prepared while the stream ran (no round trip to every orchestrator now); a
        // refusal (stale terms, capacity taken meanwhile) sends the next round to ask again.
        Prepared ready = freshPrepared();
        while (!stopped.getAsBoolean()) {
            try {
                if (ready != null) {
                    Prepared p = ready;
                    ready = null;
                    return open(pipeline, params.get(), exclude, p.infos(), new ArrayList<>(p.refusals()));
                }
                return open(pipeline, params.get(), exclude);
            } catch (IOException e) {
                failures.accept(e.getMessage());
                exclude.clear(); // every candidate was tried: start over with whoever is not suspended
                Thread.sleep(pause);
                pause = Math.min(RETRY_MAX_MILLIS, pause * 2);
            }
        }
        return null;
    }

    /** Ends the session on its orchestrator, in the background and without waiting for the answer. */
    void closeQuietly(OrchestratorSession s) {
        closeQuietly(s, why -> { });
    }

    /**
     * Ends the session on its orchestrator in the background; if the orchestrator says why it failed (it had ended it
     * itself, 410: its pipeline could not run, its balance ran out; or its pipeline never ran), that goes to
     * {@code ended} and the log.
     */
    private void closeQuietly(OrchestratorSession s, Consumer<String> ended) {
        calls.submit(() -> {
            Map<?, ?> answer;
            try {
                answer = api.call(s.uri(), "DELETE", "/v1/sessions/" + s.id, null, Duration.ofSeconds(1));
            } catch (OrchestratorApi.Refused e) {
                answer = e.status == 410 ? e.body : Map.of();
            }
            if (answer.get("error") instanceof String why) {
                String reason = s.address() + ": " + why;
                LOG.info(() -> reason);
                ended.accept(reason);
            }
            return null;
        });
    }
}
