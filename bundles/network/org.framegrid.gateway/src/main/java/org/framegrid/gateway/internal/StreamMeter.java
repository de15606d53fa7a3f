package org.framegrid.gateway.internal;

import java.util.concurrent.TimeUnit;

/**
 * One stream's timing, for {@link GatewayMeters}: its first-frame delay (from its start to the first output bytes)
 * and every output video frame's end-to-end latency. A frame is paired with its input by presentation time, which
 * an orchestrator keeps (its decode stage reads the source's times, its encode stage writes them: the same PTS in
 * and out, on every orchestrator and across a failover, as NetworkTest sees). Frames the pipeline dropped have no
 * output and are not timed; an output frame whose time matches none of the last {@value #FRAMES} input frames is
 * not timed either. Thread-safe: the input and the output pump each feed their side.
 */
final class StreamMeter {
    static final int FRAMES = 512;
    /** A longer gap between two frames' times (90 kHz) is a new clock, not frames passed over: a minute. */
    private static final long MAX_GAP_TICKS = 60L * 90_000;

    private final GatewayMeters meters;
    private final long startNanos;
    private final TsPackets.Reader input = new TsPackets.Reader(this::inputFrame);
    private final TsPackets.Reader output = new TsPackets.Reader(this::outputFrame);
    /** Input frames: presentation time and when it was read, a ring of the newest; guarded by this. */
    private final long[] inputPts = new long[FRAMES];
    private final long[] inputNanos = new long[FRAMES];
    private int inputs;
    private boolean firstOutput;
    /** Segments a pump passed over (gone from a channel before it read them), not yet turned into frames. */
    private long inputPassed;
    private long outputPassed;
    /** The last input and output frame's time (90 kHz), -1 before the first; the input's frame step. */
    private long lastInputPts = -1;
    private long lastOutputPts = -1;
    private long stepTicks;
    private long framesSkipped;
    /** Input segments a failover passed over (the new session starts at the live edge), not yet frames. */
    private long failoverPassed;
    /** A failover happened and the next input frame has not come: the gap before it is lost, segments passed or not. */
    private boolean failedOver;
    /** The serving session's first input frame (an index into the ring) and its last output frame's time. */
    private int sessionFirstInput;
    private long sessionLastOutputPts = -1;
    private long framesLostInFailover;
    /** A failed session's input frames (ring indices) and its last output's time, until the next input frame. */
    private int failedFrom = -1;
    private int failedTo;
    private long failedLastOutputPts;

    StreamMeter(GatewayMeters meters, long startNanos) {
        this.meters = meters;
        this.startNanos = startNanos;
    }

    /** An input segment starts. */
    void inputSegment() {
        input.reset();
    }

    /** An output segment starts. */
    void outputSegment() {
        output.reset();
    }

    /** Input bytes from the app, read at {@code nanos}. */
    void input(byte[] b, int off, int n, long nanos) {
        meters.bytesIn(n);
        input.feed(b, off, n, nanos);
    }

    /** Output bytes from the orchestrator, read at {@code nanos}. */
    void output(byte[] b, int off, int n, long nanos) {
        synchronized (this) {
            if (!firstOutput) {
                firstOutput = true;
                meters.firstFrame((nanos - startNanos) / (double) TimeUnit.SECONDS.toNanos(1));
            }
        }
        meters.bytesOut(n);
        output.feed(b, off, n, nanos);
    }

    /** The input pump passed over {@code segments} segments of the app's input: gone before it read them. */
    synchronized void inputSkipped(long segments) {
        inputPassed += segments;
    }

    /** The output pump passed over {@code segments} of the orchestrator's output segments: gone before it read them. */
    synchronized void outputSkipped(long segments) {
        outputPassed += segments;
    }

    /** A session starts serving the stream: the frames sent from now on are its. */
    synchronized void sessionStarted() {
        sessionFirstInput = inputs;
        sessionLastOutputPts = -1;
    }

    /**
     * The serving session failed and the next starts at the live edge, {@code passedSegments} input segments after
     * the last one the failed session got. At the next input frame, the frames lost are counted: those sent to the
     * failed session after the last frame it sent back (in flight in it, or dropped there) and earlier than that next
     * frame (the next session may get the segment it was getting again), and those of the segments passed over, from
     * the gap in time.
     */
    synchronized void sessionFailed(long passedSegments) {
        failedFrom = Math.max(sessionFirstInput, inputs - FRAMES);
        failedTo = inputs;
        failedLastOutputPts = sessionLastOutputPts;
        sessionFirstInput = inputs;
        failoverPassed += passedSegments;
        failedOver = true;
    }

    private void countFailed(long nextPts) {
        for (int i = Math.max(failedFrom, inputs - FRAMES); i < failedTo; i++) {
            long pts = inputPts[i % FRAMES];
            if ((failedLastOutputPts < 0 || pts > failedLastOutputPts) && pts < nextPts) {
                framesLostInFailover++;
            }
        }
        failedFrom = -1;
    }

    /**
     * @return the serving session's input frames earlier than {@code pts}: before its first output, those of the
     *     output segments gone from its channel before the pump read the first (the previous session's are the
     *     failover's)
     */
    private long sessionInputsBefore(long pts) {
        long n = 0;
        for (int i = Math.max(sessionFirstInput, inputs - FRAMES); i < inputs; i++) {
            if (inputPts[i % FRAMES] < pts) {
                n++;
            }
        }
        return n;
    }

    /** @return input frames lost in failovers: in flight in the failed session, or passed over after it */
    synchronized long framesLostInFailover() {
        return framesLostInFailover;
    }

    /** @return frames of the segments the pumps passed over, counted from the gap in time they left */
    synchronized long framesSkipped() {
        return framesSkipped;
    }

    /** @return the frames missing between two frames {@code gap} (90 kHz) apart, at least one per segment passed */
    private long missing(long gap, long segments) {
        return stepTicks > 0 && gap > 0 && gap < MAX_GAP_TICKS ? Math.max(segments, Math.round((double) gap
                / stepTicks) - 1) : segments;
    }

    private synchronized void inputFrame(long pts, long nanos) {
        if (failedFrom >= 0) {
            countFailed(pts);
        }
        if (failedOver && lastInputPts >= 0) {
            // Also with no segment passed over: the rest of the segment the failed session's pump was reading when
            // it stopped (the app went on writing it) reached no session. A segment got again leaves no gap.
            framesLostInFailover += missing(pts - lastInputPts, failoverPassed);
        } else if (inputPassed > 0 && lastInputPts >= 0) {
            framesSkipped += missing(pts - lastInputPts, inputPassed);
        } else if (lastInputPts >= 0 && pts > lastInputPts && pts - lastInputPts < MAX_GAP_TICKS) {
            stepTicks = stepTicks == 0 ? pts - lastInputPts : (7 * stepTicks + pts - lastInputPts) / 8;
        }
        inputPassed = 0;
        failoverPassed = 0;
        failedOver = false;
        lastInputPts = pts;
        inputPts[inputs % FRAMES] = pts;
        inputNanos[inputs % FRAMES] = nanos;
        inputs++;
    }

    private synchronized void outputFrame(long pts, long nanos) {
        if (outputPassed > 0 && sessionLastOutputPts < 0) {
            framesSkipped += Math.max(outputPassed, sessionInputsBefore(pts));
        } else if (outputPassed > 0 && lastOutputPts >= 0) {
            framesSkipped += missing(pts - lastOutputPts, outputPassed);
        }
        outputPassed = 0;
        lastOutputPts = pts;
        sessionLastOutputPts = pts;
        // Newest first: a source that restarts its clock repeats old times, and the newest input is this output's.
        for (int i = inputs - 1; i >= Math.max(0, inputs - FRAMES); i--) {
            if (inputPts[i % FRAMES] == pts) {
                long in = inputNanos[i % FRAMES];
                if (nanos >= in) {
                    meters.latency((nanos - in) / (double) TimeUnit.SECONDS.toNanos(1));
                }
                return;
            }
        }
    }
}
