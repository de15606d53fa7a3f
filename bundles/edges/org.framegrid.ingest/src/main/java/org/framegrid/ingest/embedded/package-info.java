/**
 * RTMP and SRT ingest without a framework: {@link org.framegrid.ingest.embedded.EmbeddedIngest} runs one ingest port.
 *
 * <p>Why it exists: the gateway's end-to-end test pushes with the ffmpeg CLI through a real port and reads the output
 * as HLS; it must not import this bundle's internal package. Nothing deployed uses this package.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
package org.framegrid.ingest.embedded;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
