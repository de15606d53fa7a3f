package org.framegrid.gateway.internal;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.framegrid.trickle.channel.SegmentChannel;

/**
 * Where a stream's media comes from, as numbered MPEG-TS segments that may still be arriving. Today: a trickle
 * channel on the gateway's server that the app publishes into ({@link LocalChannel}); WHIP, RTMP or SRT ingest can
 * implement it too. Thread-safe.
 */
interface StreamInput extends AutoCloseable {
    /** @return where the app sends its media */
    URI endpoint();

    /**
     * @return segment {@code sequence}, or the next one kept after it; {@code null} when none came in time or the
     *     input ended
     */
    SegmentChannel.Segment next(long sequence, long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * @return whether the app ended its input: no segment comes after those {@link #next} still answers
     *     (an app that ends its push closes its input channel)
     */
    boolean ended();

    /** @return the sequence of the newest segment (a new orchestrator starts there: on a key frame), 0 if none */
    long liveEdge() throws InterruptedException;

    /** Ends the input: the app can send no more. */
    @Override
    void close();
}
