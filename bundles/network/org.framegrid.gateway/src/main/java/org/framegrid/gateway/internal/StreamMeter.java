package org.framegrid.gateway.internal;

import java.util.concurrent.TimeUnit;

/**
 * One stream's timing, for {@link GatewayMeters}: its first-frame delay (from its start to the first output bytes)
 * and every output video frame's end-to-end latency. A frame is paired with its input by presentation time: each
 * session's first output frame is its first input frame, which gives the offset the orchestrator's encoder added
 * (a failover starts a new session, so the pairing starts again). Input frames are remembered for the last
 * {@value #FRAMES} frames; an output frame older than that is not timed. Thread-safe: the input and the output pump
 * each feed their side.
 */
final class StreamMeter {
    static final int FRAMES = 512;

    private final GatewayMeters meters;
    private final long startNanos;
    private final TsPackets.Reader input = new TsPackets.Reader(this::inputFrame);
    private final TsPackets.Reader output = new TsPackets.Reader(this::outputFrame);
    /** Input frames: presentation time and when it was read, a ring of the newest; guarded by this. */
    private final long[] inputPts = new long[FRAMES];
    private final long[] inputNanos = new long[FRAMES];
    private int inputs;
    private long sessionFirstPts = -1;
    private long offset;
    private boolean paired;
    private boolean firstOutput;

    StreamMeter(GatewayMeters meters, long startNanos) {
        this.meters = meters;
        this.startNanos = startNanos;
    }

    /** A new session serves the stream: its frames are paired afresh. */
    synchronized void newSession() {
        sessionFirstPts = -1;
        paired = false;
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

    private synchronized void inputFrame(long pts, long nanos) {
        if (sessionFirstPts < 0) {
            sessionFirstPts = pts;
        }
        inputPts[inputs % FRAMES] = pts;
        inputNanos[inputs % FRAMES] = nanos;
        inputs++;
    }

    private synchronized void outputFrame(long pts, long nanos) {
        if (!paired) {
            if (sessionFirstPts < 0) {
                return;
            }
            offset = pts - sessionFirstPts;
            paired = true;
        }
        long wanted = pts - offset;
        long best = -1;
        long bestNanos = 0;
        for (int i = Math.max(0, inputs - FRAMES); i < inputs; i++) {
            long p = inputPts[i % FRAMES];
            if (p <= wanted && p > best) {
                best = p;
                bestNanos = inputNanos[i % FRAMES];
            }
        }
        if (best >= 0 && wanted - best < 90_000 && nanos >= bestNanos) {
            // within a second of presentation time: a frame the ring still holds (an older one is not this frame)
            meters.latency((nanos - bestNanos) / (double) TimeUnit.SECONDS.toNanos(1));
        }
    }
}
