package org.framegrid.gateway.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.framegrid.gateway.embedded.GatewaySettings;
import org.framegrid.selection.api.Observation;
import org.framegrid.trickle.client.TrickleClient;
import org.framegrid.trickle.json.HttpProblem;
import org.framegrid.trickle.json.JsonRoutes;

/**
 * One app stream: its input and output, the session on the orchestrator that serves it, and the supervisor that
 * watches that session. When the orchestrator fails (a pump or a payment fails) or stalls (no output for the
 * {@link StallLimit}, counted in the input's frame intervals, while input flows), the {@link SessionOpener} moves the
 * stream to another orchestrator with the latest params; input resumes at the live edge and output continues in the
 * same {@link StreamOutput}. A stream in which no frame moved (input or output) for {@code idleMillis} is ended, and a
 * failed session that carried no frame is not replaced (a new orchestrator would be paid its initial payment for
 * nothing) until input comes.
 */
final class GatewayStream {
    private static final Logger LOG = Logger.getLogger(GatewayStream.class.getName());
    /** The supervisor's tick: a bounded detection delay, not synchronisation. */
    private static final long TICK_MILLIS = 50;
    /** The report keeps this many of the newest failures (a failover round every 250 ms once wrote 647 in 190 s). */
    static final int MAX_FAILURES = 32;
    /** Most params a stream keeps: each update may add keys, and they are replayed after every failover. */
    static final int MAX_PARAMS = 256;

    final String id;
    final String pipeline;
    final StreamInput input;
    final StreamOutput output;
    private final GatewaySettings settings;
    private final SessionOpener opener;
    private final TrickleClient trickle;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final ArrayDeque<String> failures = new ArrayDeque<>();
    private long failuresDropped; // guarded by failures
    /** The orchestrators that served the stream: a failover tries the others first. */
    private final Set<String> tried = new HashSet<>();
    private final StreamFlow flow;
    private final StreamMeter meter;
    private final PaymentLoop payments;
    /** Ends the stream from inside (the idle limit): the gateway forgets and stops it. */
    private final Runnable end;
    /** When it started serving: its idle time counts from here (opening a session may take a while). */
    private volatile long startedNanos;
    private volatile OrchestratorSession session;
    private volatile SessionPumps pumps;
    private volatile int swaps;
    private volatile boolean stopped;
    /** Why the stream ended from inside (the idle limit), once it did. */
    private volatile String endedBecause;
    private Thread supervisor;

    GatewayStream(String id, String pipeline, Map<String, Object> params, StreamInput input, StreamOutput output,
                  GatewaySettings settings, SessionOpener opener, TrickleClient trickle, PaymentLoop payments,
                  GatewayMeters meters, Runnable end) {
        this.id = id;
        this.pipeline = pipeline;
        this.params.putAll(params);
        this.input = input;
        this.output = output;
        this.settings = settings;
        this.opener = opener;
        this.trickle = trickle;
        this.flow = new StreamFlow(id);
        this.meter = new StreamMeter(meters, System.nanoTime());
        this.payments = payments;
        this.end = end;
    }

    /** Starts on the first usable orchestrator; throws with every refusal if none takes the stream. */
    void start() throws IOException, InterruptedException {
        serveWith(opener.open(pipeline, paramsCopy(), Set.of()), 0);
        startedNanos = System.nanoTime();
        payments.start(flow::movedSince, flow::outputSince);
        supervisor = Thread.ofVirtual().name("gateway-stream-" + id).start(this::supervise);
    }

    /** Makes {@code s} the serving session: payments go to it and the pumps feed it from {@code inputFrom}. */
    private void serveWith(OrchestratorSession s, long inputFrom) {
        tried.add(s.address());
        payments.opened(s);
        session = s;
        SessionPumps p = new SessionPumps(id, s, input, output, trickle, flow, meter, payments,
                () -> s.failure() == null && !stopped && session == s, this::outputEnded);
        pumps = p;
        p.start(inputFrom);
    }

    /**
     * The app ended its input and the orchestrator's output is complete: the stream ends (its output is closed, so
     * the app's reader and the HLS playlist see the end). On a thread of its own: stopping interrupts the pumps.
     */
    private void outputEnded() {
        if (stopped) {
            return;
        }
        LOG.info(() -> "stream " + id + ": the input ended and all of its output went out: stream ended");
        Thread.ofVirtual().name("gateway-end-" + id).start(end);
    }

    private void supervise() {
        try {
            while (!stopped) {
                OrchestratorSession s = session;
                long now = System.nanoTime();
                if (idle(now)) {
                    endIdle(now);
                    return;
                }
                long silent = flow.silentNanos(now, s.startedNanos);
                StallLimit limit = StallLimit.of(settings, flow.clock.intervalNanos(),
                        !flow.outputSince(s.startedNanos));
                if (flow.inputFlowing(now) && silent > limit.nanos()) {
                    s.fail(Observation.Outcome.STALLED, s.address() + " stalled: no output for "
                            + silent / 1_000_000 + " ms while input flows (" + limit.why() + ")");
                }
                opener.keepPrepared(); // the next orchestrators' info, fresh for a failover (unpaid)
                // A session that carried no frame is not replaced until input comes: a new one would be paid its
                // initial payment for nothing. One that carried frames is replaced at once.
                if (s.failure() != null && (flow.movedSince(s.startedNanos) || inputWaiting())) {
                    failover(s);
                    continue;
                }
                Thread.sleep(TICK_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void failover(OrchestratorSession failed) throws InterruptedException {
        long noticed = flow.failedOver() / 1_000_000;
        LOG.info(() -> "stream " + id + ": " + failed.failure() + " (noticed " + noticed + " ms after its last output)"
                + "; moving to another orchestrator");
        failure(failed.failure());
        pumps.stop();
        long t = System.nanoTime();
        OrchestratorSession next = opener.failover(failed, pipeline, this::paramsCopy, Set.copyOf(tried),
                this::failure, () -> stopped || idle(System.nanoTime()));
        if (next != null) {
            // Input resumes at the live edge: the segment being written now starts on a key frame.
            long edge = input.liveEdge();
            swaps++;
            long opened = (System.nanoTime() - t) / 1_000_000;
            LOG.info(() -> "stream " + id + ": session on " + next.address() + " opened in " + opened + " ms; input"
                    + " resumes at segment " + edge);
            flow.resumed();
            serveWith(next, edge);
        }
    }

    /**
     * @return whether no input came for the idle limit: none that the pumps passed on, and none waiting for them
     *     (while no orchestrator takes the stream, the app's input waits: that stream is not idle)
     */
    private boolean idle(long now) {
        return flow.idleNanos(now, startedNanos) > TimeUnit.MILLISECONDS.toNanos(settings.idleMillis())
                && !inputWaiting();
    }

    /** @return whether the app sent input that the pumps did not pass on (yet, or since they stopped) */
    private boolean inputWaiting() {
        try {
            return input.next(pumps.nextInput(), 0, TimeUnit.MILLISECONDS) != null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping
            return false;
        }
    }

    private void endIdle(long now) {
        if (stopped) {
            return; // stopped meanwhile: not ended for idleness
        }
        String why = "no input for " + flow.idleNanos(now, startedNanos) / 1_000_000 + " ms (the limit is "
                + settings.idleMillis() + " ms): stream ended";
        LOG.info(() -> "stream " + id + ": " + why);
        failure(why);
        endedBecause = why;
        end.run();
    }

    /** @return why the stream ended from inside (the idle limit), or {@code null} while it runs or when stopped */
    String endedBecause() {
        return endedBecause;
    }

    /** @return the newest failures, after a line counting the older ones not kept */
    List<String> failures() {
        synchronized (failures) {
            List<String> kept = new ArrayList<>();
            if (failuresDropped > 0) {
                kept.add(failuresDropped + " earlier failures not kept");
            }
            kept.addAll(failures);
            return List.copyOf(kept);
        }
    }

    void failure(String why) {
        synchronized (failures) {
            failures.add(why);
            if (failures.size() > MAX_FAILURES) {
                failures.poll();
                failuresDropped++;
            }
        }
    }

    /** Sends new params to the orchestrator's control channel; they are kept and replayed after a failover. */
    void update(Map<String, Object> changes) throws IOException, InterruptedException, HttpProblem {
        synchronized (params) {
            long added = changes.keySet().stream().filter(k -> !params.containsKey(k)).count();
            if (params.size() + added > MAX_PARAMS) {
                throw new HttpProblem(400, "params of stream " + id + ": " + added + " new would make "
                        + (params.size() + added) + ", more than the " + MAX_PARAMS + " a stream keeps");
            }
            params.putAll(changes);
        }
        trickle.publish(session.control, -1, JsonRoutes.write(changes));
    }

    /**
     * Sends an app event to the orchestrator's control channel at once, for {@code node} (or the pipeline's sources
     * when {@code null}). Events are input of their moment: unlike params they are not replayed after a failover.
     */
    void event(String node, Map<String, Object> event) throws IOException, InterruptedException {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("event", event);
        if (node != null) {
            message.put("node", node);
        }
        trickle.publish(session.control, -1, JsonRoutes.write(message));
    }

    Map<String, Object> paramsCopy() {
        synchronized (params) {
            return new LinkedHashMap<>(params);
        }
    }

    StreamReport status() {
        OrchestratorSession s = session;
        return new StreamReport(id, pipeline, s.address(), s.uri(), s.id, s.events, flow.segmentsIn(),
                flow.segmentsOut(), swaps, flow.lastGapMillis(), payments.payments(), payments.paidWei(),
                payments.deliveredWei(), payments.termsRefreshed(), payments.valueAtRisk(), paramsCopy(), failures());
    }

    /** Stops the supervisor, the payments and the pumps, ends the session and closes input and output. */
    void stop() {
        stopped = true;
        if (supervisor != null) {
            supervisor.interrupt();
        }
        payments.close();
        OrchestratorSession s = session;
        if (s != null) {
            pumps.stop();
            opener.closeQuietly(s);
        }
        input.close();
        output.close();
    }
}
