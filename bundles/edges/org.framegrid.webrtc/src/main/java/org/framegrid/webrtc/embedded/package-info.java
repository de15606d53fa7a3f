/**
 * The node's WebRTC without a framework: {@link org.framegrid.webrtc.embedded.EmbeddedWebRtc} runs the peers and the
 * {@code webrtc-in}/{@code webrtc-out} stage providers that share them.
 *
 * <p>Why it exists: the stages reach the peers through this bundle's component, which DS creates in a node; tests of
 * other modules (the gateway's WHIP/WHEP end to end in a real browser) need the same trio in a plain JVM without
 * importing this bundle's internal package. Nothing deployed uses this package.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
package org.framegrid.webrtc.embedded;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
