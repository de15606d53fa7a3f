/**
 * Segment channels, the buffer trickle streams through (go-livepeer keeps it with its trickle transport too): a
 * channel is a numbered sequence of segments that readers consume while the writer still writes, of which only the
 * newest few are kept. The node's {@link org.framegrid.trickle.channel.SegmentChannels} service holds them by name;
 * the trickle server serves them over HTTP, and the media stages decode from and encode into them.
 *
 * <p>{@link org.framegrid.trickle.channel.MemorySegmentChannels} and
 * {@link org.framegrid.trickle.channel.MemorySegmentChannel} are the in-memory implementation, exported so that code
 * outside a framework (tests, tools) uses the same channels as the node's service. Plain Java, no Netty types.
 */
@Export
@Version("1.2.0")
package org.framegrid.trickle.channel;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
