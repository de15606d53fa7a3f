package org.framegrid.gateway.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.framegrid.selection.api.Observation;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.channel.SegmentWriter;
import org.framegrid.trickle.client.TrickleClient;
import org.framegrid.trickle.client.TrickleException;

/**
 * The two pumps of a stream's session, each on a virtual thread: input segments from the app to the orchestrator's
 * input channel, and the orchestrator's output segments to the app, byte by byte as they arrive. A pump that fails
 * marks the session failed (the stream then fails over); a segment cut mid-way is aborted, never replayed.
 */
final class SessionPumps {
    private static final long INPUT_WAIT_MILLIS = 200;

    private final String streamId;
    private final OrchestratorSession session;
    private final StreamInput input;
    private final StreamOutput output;
    private final TrickleClient trickle;
    private final StreamFlow flow;
    private final StreamMeter meter;
    private final PaymentLoop payments;
    private final BooleanSupplier live;
    private final Runnable outputEnded;
    private List<Thread> threads = List.of();
    /** The next input segment the input pump sends. */
    private volatile long nextInput;

    /**
     * @param live whether the session still serves the stream: the pumps end when it no longer does
     * @param outputEnded called once the orchestrator closed its output after the app's input ended: every output
     *     segment has been passed on, and the stream is complete
     */
    SessionPumps(String streamId, OrchestratorSession session, StreamInput input, StreamOutput output,
                 TrickleClient trickle, StreamFlow flow, StreamMeter meter, PaymentLoop payments,
                 BooleanSupplier live, Runnable outputEnded) {
        this.streamId = streamId;
        this.session = session;
        this.input = input;
        this.output = output;
        this.trickle = trickle;
        this.flow = flow;
        this.meter = meter;
        this.payments = payments;
        this.live = live;
        this.outputEnded = outputEnded;
    }

    /** @param inputFrom the first input segment to send: 0 for a new stream, the live edge after a failover */
    void start(long inputFrom) {
        threads = List.of(Thread.ofVirtual().name("gateway-in-" + streamId).start(() -> pumpInput(inputFrom)),
                Thread.ofVirtual().name("gateway-out-" + streamId).start(this::pumpOutput));
    }

    void stop() {
        threads.forEach(Thread::interrupt);
    }

    /** @return the sequence of the next input segment these pumps would send */
    long nextInput() {
        return nextInput;
    }

    private void pumpInput(long from) {
        long next = from;
        nextInput = from;
        boolean first = true;
        try {
            while (live.getAsBoolean()) {
                SegmentChannel.Segment s = input.next(next, INPUT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                if (s == null && input.ended()) {
                    s = input.next(next, 0, TimeUnit.MILLISECONDS); // one may have come just before the end
                    if (s == null) {
                        endInput();
                        return;
                    }
                }
                if (s == null) {
                    continue;
                }
                if (s.sequence() > next && !first) {
                    meter.inputSkipped(s.sequence() - next); // gone from the app's channel before this pump came
                }
                first = false;
                next = s.sequence() + 1;
                nextInput = next;
                flow.inputMoved();
                flow.clock.segmentStarted();
                meter.inputSegment();
                MarkingStream bytes = new MarkingStream(s.bytes(), flow, meter);
                try {
                    trickle.publish(session.input, -1, bytes);
                } catch (IOException e) {
                    if (!bytes.appFailed) {
                        throw e;
                    }
                    continue; // the app cut its own segment (it stopped or restarted): not the orchestrator's fault
                }
                flow.segmentIn();
            }
        } catch (IOException e) {
            session.fail(Observation.Outcome.FAILURE, "input to " + session.address() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The app ended its input and every segment of it went on: the orchestrator's input channel is closed, so that
     * its pipeline finishes the frames in flight, completes its last output segment and closes its output.
     */
    private void endInput() throws IOException, InterruptedException {
        trickle.closeChannel(session.input);
        flow.inputEnded();
    }

    private void pumpOutput() {
        long next = 0;
        byte[] buf = new byte[32 * 1024];
        try {
            while (live.getAsBoolean()) {
                TrickleClient.Segment s = trickle.read(session.output, next);
                if (s.sequence() > next) { // also the session's first segments: its channel starts at 0
                    meter.outputSkipped(s.sequence() - next); // gone from the orchestrator's channel before we read
                }
                next = s.sequence() + 1;
                SegmentWriter w = output.nextSegment();
                meter.outputSegment();
                try (InputStream in = s.bytes()) {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        if (n > 0) {
                            flow.outputMoved();
                            meter.output(buf, 0, n, System.nanoTime());
                            w.write(buf, 0, n);
                        }
                    }
                    w.close();
                    flow.segmentOut();
                    payments.delivered(session);
                } catch (IOException e) {
                    w.abort(); // never replay: the reader gets the partial segment, then the next one
                    throw e;
                }
            }
        } catch (TrickleException e) {
            if (e.channelClosed() && flow.inputHasEnded()) {
                outputEnded.run(); // the end of the input went through: the output is complete
            } else {
                session.fail(Observation.Outcome.FAILURE, "output from " + session.address() + ": "
                        + e.getMessage());
            }
        } catch (IOException e) {
            session.fail(Observation.Outcome.FAILURE, "output from " + session.address() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Passes bytes through, notes that input is flowing on every read and hands the bytes to the stream's frame clock,
     * and notes whether reading the app's bytes failed.
     */
    private static final class MarkingStream extends InputStream {
        private final InputStream in;
        private final StreamFlow flow;
        private final StreamMeter meter;
        private volatile boolean appFailed; // set where the HTTP client reads the body

        MarkingStream(InputStream in, StreamFlow flow, StreamMeter meter) {
            this.in = in;
            this.flow = flow;
            this.meter = meter;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                appFailed = true;
                throw e;
            }
            flow.inputMoved();
            if (n > 0) {
                flow.clock.bytes(b, off, n);
                meter.input(b, off, n, System.nanoTime());
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
