package org.framegrid.trickle.internal;

import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.channel.SegmentWriter;

/** A channel as the server sees it: where its segments live, and the next sequence number HTTP may publish. */
final class ServedChannel {
    final String name;
    final String contentType;
    final SegmentChannel channel;
    final boolean publishable;
    private long nextPublish;

    ServedChannel(String name, String contentType, SegmentChannel channel, boolean publishable) {
        this.name = name;
        this.contentType = contentType;
        this.channel = channel;
        this.publishable = publishable;
    }

    /**
     * Starts segment {@code sequence} if it is the next one (-1: whatever is next).
     *
     * @return the writer, or {@code null} if {@code sequence} is not the next one
     */
    synchronized SegmentWriter publish(long sequence) {
        if (sequence >= 0 && sequence != nextPublish) {
            return null;
        }
        SegmentWriter w = channel.publish();
        nextPublish++;
        return w;
    }

    synchronized long nextPublish() {
        return nextPublish;
    }
}
