package org.framegrid.gateway.internal;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.framegrid.trickle.TrickleServer;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.channel.SegmentChannels;
import org.framegrid.trickle.channel.SegmentWriter;

/**
 * A local segment channel served on the gateway's trickle server: a stream's input when the app may publish into it,
 * or its output when the app reads it. Closing it stops serving it and closes the channel (its readers are told).
 */
final class LocalChannel implements StreamInput, StreamOutput {
    private final TrickleServer server;
    private final SegmentChannels channels;
    private final SegmentChannel channel;

    /** @param publishable whether the app publishes into it (an input) or only reads it (an output) */
    LocalChannel(TrickleServer server, SegmentChannels channels, String name, boolean publishable) {
        this.server = server;
        this.channels = channels;
        this.channel = channels.open(name);
        server.serve(name, TrickleServer.MEDIA, channel, publishable);
    }

    @Override
    public URI endpoint() {
        return server.channelUri(channel.name());
    }

    @Override
    public SegmentChannel.Segment next(long sequence, long timeout, TimeUnit unit) throws InterruptedException {
        return channel.await(sequence, timeout, unit);
    }

    @Override
    public boolean ended() {
        return channel.closed();
    }

    @Override
    public long liveEdge() throws InterruptedException {
        SegmentChannel.Segment s = channel.latest(0, TimeUnit.MILLISECONDS);
        return s == null ? 0 : s.sequence();
    }

    @Override
    public SegmentWriter nextSegment() {
        return channel.publish();
    }

    @Override
    public void close() {
        server.unserve(channel.name());
        channels.remove(channel.name());
    }
}
