package org.framegrid.trickle.channel;

import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A live stream as a sequence of numbered segments, trickle-style: a segment's bytes can be read while it is still
 * being written, and only the newest few segments are kept. The trickle server publishes what it receives over HTTP
 * into one and serves its segments to HTTP readers; in the node, the {@code decode} stage reads from one and the
 * {@code encode} stage publishes into one.
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

    /**
     * The live edge: the newest segment that exists now, possibly still being written (trickle's sequence -1). A
     * reader that joins a live stream, or resumes after a failover, starts here: a segment starts on a key frame.
     *
     * @param timeout how long to wait for a first segment when there is none yet; 0 answers at once
     * @return the newest segment, or {@code null} if none came within the timeout or the channel closed
     * @throws InterruptedException if interrupted while waiting
     * @since 1.0
     */
    Segment latest(long timeout, TimeUnit unit) throws InterruptedException;

    /** Ends the stream: no further segments; waiting readers get {@code null}. */
    void close();

    /**
     * @return whether the channel was closed: its writer has ended the stream (the segments it still keeps can be
     *     read). A reader that {@link #await}s {@code null} from a closed channel has reached the end of the stream;
     *     from an open one, only a timeout.
     * @since 1.2
     */
    boolean closed();

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
