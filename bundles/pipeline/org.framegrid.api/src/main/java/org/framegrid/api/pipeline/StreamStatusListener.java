package org.framegrid.api.pipeline;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service told about stream status: on every state change and every status period (10 s) while a stream
 * runs, and a last time with {@link StreamState#STOPPED}.
 *
 * <p>Called on one engine-owned thread, in order per stream; implementations must return quickly and not call
 * back into a stopping engine.
 */
@ConsumerType
public interface StreamStatusListener {

    /** @param status the new snapshot; never {@code null} */
    void statusChanged(StreamStatus status);
}
