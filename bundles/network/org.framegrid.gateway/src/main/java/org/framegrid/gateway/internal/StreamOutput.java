package org.framegrid.gateway.internal;

import java.net.URI;
import org.framegrid.trickle.channel.SegmentWriter;

/**
 * Where a stream's processed media goes, one MPEG-TS segment after another, written while it arrives from the
 * orchestrator. Today: a trickle channel on the gateway's server that the app reads ({@link LocalChannel}); WHEP or
 * HLS egress can implement it too. One writer (the output pump). Thread-safe.
 */
interface StreamOutput extends AutoCloseable {
    /** @return where the app reads the processed media */
    URI endpoint();

    /** @return the next segment's writing end: closed when complete, aborted when the orchestrator failed mid-way */
    SegmentWriter nextSegment();

    /** Ends the output: the app's reader is told the stream is over. */
    @Override
    void close();
}
