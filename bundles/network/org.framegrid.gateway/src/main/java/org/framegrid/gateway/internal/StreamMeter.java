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

    private final GatewayMeters meters;
    private final long startNanos;
    private final TsPackets.Reader input = new TsPackets.Reader(this::inputFrame);
    private final TsPackets.Reader output = new TsPackets.Reader(this::outputFrame);
    /** Input frames: presentation time and when it was read, a ring of the newest; guarded by this. */
    private final long[] inputPts = new long[FRAMES];
    private final long[] inputNanos = new long[FRAMES];
    private int inputs;
    private boolean firstOutput;

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

    private synchronized void inputFrame(long pts, long nanos) {
        inputPts[inputs % FRAMES] = pts;
        inputNanos[inputs % FRAMES] = nanos;
        inputs++;
    }

    private synchronized void outputFrame(long pts, long nanos) {
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
