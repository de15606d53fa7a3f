package org.framegrid.gateway.internal;

import java.math.BigInteger;
import java.net.URI;
import java.util.Map;
import org.framegrid.selection.api.Observation;

/**
 * A stream's session on one orchestrator: who serves it, the session's trickle channels there, and, once something
 * went wrong with it, why (the first failure wins; the stream then fails over). Thread-safe.
 */
final class OrchestratorSession {
    final OrchestratorApi.Info info;
    final String id;
    final URI input;
    final URI output;
    final URI control;
    final URI events;
    /** What was paid to open it. */
    final BigInteger initialPayment;
    final long startedNanos = System.nanoTime();
    private volatile String failure;
    private volatile Observation.Outcome outcome;

    /** @param started the orchestrator's answer to {@code POST /v1/sessions} */
    OrchestratorSession(OrchestratorApi.Info info, Map<?, ?> started, BigInteger initialPayment) {
        this.info = info;
        this.id = String.valueOf(started.get("id"));
        this.input = URI.create(String.valueOf(started.get("input")));
        this.output = URI.create(String.valueOf(started.get("output")));
        this.control = URI.create(String.valueOf(started.get("control")));
        this.events = URI.create(String.valueOf(started.get("events")));
        this.initialPayment = initialPayment;
    }

    /** @return the orchestrator's address */
    String address() {
        return info.candidate().address();
    }

    /** @return the orchestrator's service URI */
    URI uri() {
        return info.candidate().uri();
    }

    /** Records why the session cannot go on; only the first reason counts. */
    synchronized void fail(Observation.Outcome outcome, String why) {
        if (failure == null) {
            this.outcome = outcome;
            this.failure = why;
        }
    }

    /** @return why it failed, or {@code null} while it works */
    String failure() {
        return failure;
    }

    /** @return how it failed, for the selector; {@code null} while it works */
    Observation.Outcome outcome() {
        return outcome;
    }
}
