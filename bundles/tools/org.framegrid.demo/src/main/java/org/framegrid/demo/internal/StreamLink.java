package org.framegrid.demo.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.framegrid.gateway.client.GatewayClient;
import org.framegrid.gateway.client.StreamInfo;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.channel.SegmentWriter;
import org.framegrid.trickle.client.TrickleClient;

/**
 * An app's two pumps to a gateway stream, each on a virtual thread: the segments of a local channel published to the
 * stream's input while they are being encoded, and the stream's output copied into a local channel chunk by chunk as
 * it arrives (a decoder on that channel sees each frame as soon as its bytes are in). Either may be left out: an
 * interactive stream has no input. Thread-safe; close it to stop both.
 */
public final class StreamLink implements AutoCloseable {
    private final GatewayClient client;
    private final StreamInfo stream;
    private final AtomicLong segmentsIn = new AtomicLong();
    private final AtomicLong segmentsOut = new AtomicLong();
    /** Segments passed over: gone from the local input channel, or from the gateway's output, before they were read. */
    private final AtomicLong skippedIn = new AtomicLong();
    private final AtomicLong skippedOut = new AtomicLong();
    private List<Thread> threads = List.of();

    public StreamLink(GatewayClient client, StreamInfo stream) {
        this.client = client;
        this.stream = stream;
    }

    /**
     * @param input the local channel the app's encoder writes, or {@code null} for none
     * @param output the local channel the stream's output goes to, or {@code null} for none
     * @param copy also receives the output's bytes (a file), or {@code null}
     */
    public StreamLink start(SegmentChannel input, SegmentChannel output, OutputStream copy) {
        threads = java.util.stream.Stream.of(
                input == null ? null : Thread.ofVirtual().name("app-publish").start(() -> publish(input)),
                output == null ? null : Thread.ofVirtual().name("app-read").start(() -> read(output, copy)))
                .filter(java.util.Objects::nonNull).toList();
        return this;
    }

    private void publish(SegmentChannel input) {
        long next = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                SegmentChannel.Segment s = input.await(next, 500, TimeUnit.MILLISECONDS);
                if (s == null) {
                    continue;
                }
                skippedIn.addAndGet(s.sequence() - next);
                next = s.sequence() + 1;
                try (InputStream in = s.bytes()) {
                    client.publish(stream, -1, in); // -1: the gateway numbers them; an app may restart its encoder
                }
                segmentsIn.incrementAndGet();
            }
        } catch (IOException e) {
            System.out.println("publisher stopped: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(SegmentChannel output, OutputStream copy) {
        long next = -1; // the live edge first
        int failures = 0;
        byte[] buf = new byte[32 * 1024];
        try {
            while (!Thread.currentThread().isInterrupted() && failures < 20) {
                TrickleClient.Segment s;
                try {
                    s = client.read(stream, next);
                } catch (IOException e) {
                    failures++; // the gateway is between orchestrators or restarting: ask again, bounded
                    Thread.sleep(100);
                    continue;
                }
                failures = 0;
                if (next >= 0 && s.sequence() > next) {
                    skippedOut.addAndGet(s.sequence() - next);
                }
                next = s.sequence() + 1;
                SegmentWriter w = output.publish();
                try (InputStream in = s.bytes()) {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        w.write(buf, 0, n);
                        if (copy != null) {
                            synchronized (copy) {
                                copy.write(buf, 0, n);
                            }
                        }
                    }
                    w.close();
                    segmentsOut.incrementAndGet();
                } catch (IOException e) {
                    w.abort(); // a segment cut by a failover: the next one starts on a key frame
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return input segments published */
    public long segmentsIn() {
        return segmentsIn.get();
    }

    /** @return segments passed over, gone before they were read: of the input, of the output */
    public long[] segmentsSkipped() {
        return new long[] {skippedIn.get(), skippedOut.get()};
    }

    /** @return output segments received whole */
    public long segmentsOut() {
        return segmentsOut.get();
    }

    @Override
    public void close() {
        threads.forEach(Thread::interrupt);
    }
}
