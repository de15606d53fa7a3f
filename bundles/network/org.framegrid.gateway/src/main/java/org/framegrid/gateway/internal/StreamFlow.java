package org.framegrid.gateway.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * What flows through one stream: when input and output last moved, how many segments went each way, and the gap a
 * failover left in the output (from the last output byte before it to the first one after). Read by the stall check
 * and the status. Thread-safe.
 */
final class StreamFlow {
    private static final Logger LOG = Logger.getLogger(StreamFlow.class.getName());
    /** Input counts as flowing while it moved within this. */
    private static final long INPUT_FLOWING_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String streamId;
    /** The input's frame interval, from the app's MPEG-TS timestamps. */
    final FrameClock clock = new FrameClock();
    private final AtomicLong segmentsIn = new AtomicLong();
    private final AtomicLong segmentsOut = new AtomicLong();
    private volatile long lastInputNanos;
    /** When input last came back after a pause: an orchestrator owes no output for the time before. */
    private volatile long inputResumedNanos;
    private volatile long lastOutputNanos = System.nanoTime();
    private volatile long gapStartNanos;
    /** When the session after a failover opened (its first output closes the gap). */
    private volatile long resumedNanos;
    private volatile long lastGapMillis = -1;

    StreamFlow(String streamId) {
        this.streamId = streamId;
    }

    /** Input bytes arrived from the app. */
    void inputMoved() {
        long now = System.nanoTime();
        if (now - lastInputNanos >= INPUT_FLOWING_NANOS) {
            inputResumedNanos = now;
        }
        lastInputNanos = now;
    }

    /** An input segment went to the orchestrator. */
    void segmentIn() {
        segmentsIn.incrementAndGet();
    }

    /** Output bytes arrived from the orchestrator: the first after a failover closes the gap. */
    void outputMoved() {
        long now = System.nanoTime();
        if (gapStartNanos != 0) {
            lastGapMillis = (now - gapStartNanos) / 1_000_000;
            long firstOutput = resumedNanos == 0 ? -1 : (now - resumedNanos) / 1_000_000;
            gapStartNanos = 0;
            LOG.info(() -> "stream " + streamId + ": output resumed after " + lastGapMillis + " ms (the new session's"
                    + " first output " + firstOutput + " ms after it opened)");
        }
        lastOutputNanos = now;
    }

    /** An output segment reached the app complete. */
    void segmentOut() {
        segmentsOut.incrementAndGet();
    }

    /**
     * The serving orchestrator failed: the gap in the output starts with its last output.
     *
     * @return how long ago that was, in nanoseconds (the time the failure took to notice)
     */
    long failedOver() {
        long last = lastOutputNanos;
        gapStartNanos = last;
        resumedNanos = 0;
        return System.nanoTime() - last;
    }

    /** The session after a failover opened: its pumps start now. */
    void resumed() {
        resumedNanos = System.nanoTime();
    }

    boolean inputFlowing(long now) {
        return now - lastInputNanos < INPUT_FLOWING_NANOS;
    }

    /** @return whether input moved after {@code nanos} */
    boolean inputSince(long nanos) {
        long last = lastInputNanos;
        return last != 0 && last - nanos > 0;
    }

    /** @return whether frames moved after {@code nanos}: input, or output (a pipeline without input video) */
    boolean movedSince(long nanos) {
        return inputSince(nanos) || lastOutputNanos - nanos > 0;
    }

    /** @return how long neither input nor output moved, counted from {@code sinceNanos} at the earliest */
    long idleNanos(long now, long sinceNanos) {
        long last = Math.max(inputSince(sinceNanos) ? lastInputNanos : sinceNanos,
                lastOutputNanos - sinceNanos > 0 ? lastOutputNanos : sinceNanos);
        return now - last;
    }

    /**
     * @return how long no output came, counted from {@code sinceNanos} at the earliest, and from when input came back
     *     after a pause (an app that paused is not served by a stalled orchestrator)
     */
    long silentNanos(long now, long sinceNanos) {
        return now - Math.max(Math.max(lastOutputNanos, sinceNanos), inputResumedNanos);
    }

    /** @return whether any output came after {@code nanos} */
    boolean outputSince(long nanos) {
        return lastOutputNanos > nanos;
    }

    long segmentsIn() {
        return segmentsIn.get();
    }

    long segmentsOut() {
        return segmentsOut.get();
    }

    /** @return the last failover's gap, or -1 before the first */
    long lastGapMillis() {
        return lastGapMillis;
    }
}
