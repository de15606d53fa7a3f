package org.framegrid.orchestrator.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.channel.SegmentWriter;

/**
 * A session's media channel as the node's server sees it, with the bytes counted: those gateways publish into it
 * (input), or those the server reads out of it for gateways (output, once per reader). Everything else is the
 * channel's. Thread-safe as the channel is.
 */
record CountedChannel(SegmentChannel channel, LongAdder bytes) implements SegmentChannel {

    @Override
    public String name() {
        return channel.name();
    }

    @Override
    public SegmentWriter publish() {
        SegmentWriter w = channel.publish();
        return new SegmentWriter() {
            @Override
            public void write(int b) throws IOException {
                w.write(b);
                bytes.increment();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                w.write(b, off, len);
                bytes.add(len);
            }

            @Override
            public void flush() throws IOException {
                w.flush();
            }

            @Override
            public void close() throws IOException {
                w.close();
            }

            @Override
            public void abort() {
                w.abort();
            }
        };
    }

    @Override
    public Segment await(long sequence, long timeout, TimeUnit unit) throws InterruptedException {
        return counted(channel.await(sequence, timeout, unit));
    }

    @Override
    public Segment latest(long timeout, TimeUnit unit) throws InterruptedException {
        return counted(channel.latest(timeout, unit));
    }

    private Segment counted(Segment s) {
        if (s == null) {
            return null;
        }
        return new Segment(s.name(), s.sequence(), new FilterInputStream(s.bytes()) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytes.increment();
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    bytes.add(n);
                }
                return n;
            }
        });
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public boolean closed() {
        return channel.closed();
    }
}
