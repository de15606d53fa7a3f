package org.framegrid.trickle.internal;

import java.util.concurrent.TimeUnit;
import org.framegrid.media.SegmentChannel;
import org.framegrid.media.SegmentWriter;

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

    /**
     * The live edge: the newest segment that exists (possibly still being written), or the first one to come.
     * SegmentChannel has no "latest" accessor, so this walks the retained window (a handful of segments).
     */
    static SegmentChannel.Segment latest(SegmentChannel channel, long waitMillis) throws InterruptedException {
        SegmentChannel.Segment s = channel.await(0, 0, TimeUnit.MILLISECONDS);
        if (s == null) {
            return channel.await(0, waitMillis, TimeUnit.MILLISECONDS);
        }
        while (true) {
            SegmentChannel.Segment next = channel.await(s.sequence() + 1, 0, TimeUnit.MILLISECONDS);
            if (next == null) {
                return s;
            }
            s = next;
        }
    }
}
