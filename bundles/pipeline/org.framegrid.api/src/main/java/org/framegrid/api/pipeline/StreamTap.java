package org.framegrid.api.pipeline;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A tap on one node of a running stream, returned by {@link StreamHandle#tap}. Closing it removes the tap; a tap also
 * ends with its stream.
 *
 * <p>Thread-safe.
 *
 * @since 1.3
 */
@ProviderType
public interface StreamTap extends AutoCloseable {

    /** Removes the tap: frames that reach the node after this returns are not handed to it. Idempotent. */
    @Override
    void close();
}
