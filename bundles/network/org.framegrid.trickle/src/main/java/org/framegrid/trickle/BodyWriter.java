package org.framegrid.trickle;

import java.io.IOException;
import java.io.OutputStream;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Writes a reply's body while it is produced ({@link HttpReply#streamed()}): the server sends it chunked, as written,
 * with back-pressure from a slow reader, and ends the reply when this returns. A write fails with an
 * {@link IOException} once the reader went away; a writer that throws cuts the reply (the reader sees a body without
 * its end).
 *
 * @since 2.1
 */
@ConsumerType
@FunctionalInterface
public interface BodyWriter {
    /**
     * @param out the reply's body; flushed on every write
     * @throws IOException when the reader went away, or the body cannot be produced
     * @throws InterruptedException when the server stops
     */
    void writeTo(OutputStream out) throws IOException, InterruptedException;
}
