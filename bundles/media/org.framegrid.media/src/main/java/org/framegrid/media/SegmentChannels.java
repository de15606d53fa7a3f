package org.framegrid.media;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The node's named in-memory segment channels (a service). Streams are identified by channel name, e.g. the
 * transport's manifest id, {@code mid} for input and {@code mid-out} for output.
 *
 * <p>Thread-safe.
 */
@ProviderType
public interface SegmentChannels {
    /** @return the channel named {@code name}, created if it does not exist */
    SegmentChannel open(String name);

    /** @return the channel named {@code name}, if it exists */
    Optional<SegmentChannel> find(String name);

    /** Closes and forgets the channel. @return whether it existed */
    boolean remove(String name);
}
