/**
 * The media stages without a framework: {@link org.framegrid.media.embedded.EmbeddedMedia} gives the {@code decode}
 * and {@code encode} stage providers over the segment channels its caller hands in.
 *
 * <p>Why it exists: the two providers need the node's {@link org.framegrid.trickle.channel.SegmentChannels}, which
 * DS injects through their constructors, so {@link java.util.ServiceLoader} cannot make them; yet tests of other
 * bundles (the network tests), the benchmarks and tools run real decode and encode stages in a plain JVM. This package
 * is their one entry point, so none of them imports the media bundle's internal packages. In a node DS registers the
 * providers; nothing deployed uses this package.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
package org.framegrid.media.embedded;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
