package org.framegrid.trickle.channel;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The node's named segment channels (a service). Streams are identified by channel name, e.g. a session's manifest
 * id, {@code mid} for input and {@code mid-out} for output. A stage property names a channel of this service as
 * {@code channel:NAME} (see {@code org.framegrid.api.stage.MediaStages}).
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
