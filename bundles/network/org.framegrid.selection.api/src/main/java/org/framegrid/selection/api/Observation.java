package org.framegrid.selection.api;

import java.util.Objects;

/**
 * What a gateway saw of an orchestrator.
 *
 * @param address the orchestrator
 * @param outcome what happened
 * @param latencyMillis the round trip measured with it (info call, session start), or -1 if none
 * @param detail a one-line reason for failures, or {@code null}
 */
public record Observation(String address, Outcome outcome, long latencyMillis, String detail) {
    /** Checks. */
    public Observation {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** What happened. */
    public enum Outcome {
        /** A call or a stream went well. */
        SUCCESS,
        /** It refused or failed a call (unreachable, error status, start failed). */
        FAILURE,
        /** It stopped producing output while input was flowing. */
        STALLED,
        /** It was busy (no capacity): not its fault, but not worth asking again at once. */
        BUSY
    }
}
