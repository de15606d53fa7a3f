package org.framegrid.media;

import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A live stream as a sequence of numbered MPEG-TS segments, trickle-style: a segment's bytes can be read while it is
 * still being written, and only the newest few segments are kept. The transport publishes what it receives into one;
 * the {@code segment-source} stage decodes from it. The {@code segment-sink} stage publishes encoded output into one;
 * the transport reads it from there.
 *
 * <p>Thread-safe: one writer, any number of readers.
 */
@ProviderType
public interface SegmentChannel {
    /** @return the channel's name, unique within its {@link SegmentChannels} */
    String name();

    /**
     * Starts the next segment (sequence numbers 0, 1, 2, ... without gaps). The previous one should have been closed
     * or aborted.
     *
     * @return the segment's writing end: close it to complete the segment, or {@link SegmentWriter#abort()} it
     * @throws IllegalStateException if the channel is closed
     */
    SegmentWriter publish();

    /**
     * Waits until segment {@code sequence} (or a later one, if the reader fell behind the kept window) exists.
     *
     * @return the segment, or {@code null} if the channel closed or the timeout passed first
     * @throws InterruptedException if interrupted while waiting
     */
    Segment await(long sequence, long timeout, TimeUnit unit) throws InterruptedException;

    /** Ends the stream: no further segments; waiting readers get {@code null}. */
    void close();

    /**
     * One segment being read.
     *
     * @param name "channel/sequence", used in messages
     * @param sequence its number
     * @param bytes its bytes: what has arrived, then blocking for the rest; throws an {@link java.io.IOException}
     *     when the writer aborted the segment
     */
    record Segment(String name, long sequence, InputStream bytes) {
    }
}
