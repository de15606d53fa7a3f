/**
 * WebRTC peers of a node, as the WHIP (RFC 9725) and WHEP endpoints of a gateway need them: an SDP offer in, an SDP
 * answer out, a {@link org.framegrid.webrtc.api.Peer} to add trickled candidates to and to close, and a
 * {@link org.framegrid.webrtc.api.PeerListener} told when the peer is gone. Media never crosses this API: a
 * publisher's frames enter a pipeline through the {@code webrtc-in} stage and a viewer's frames leave one through the
 * {@code webrtc-out} stage ({@link org.framegrid.webrtc.api.WebRtcStages}), both of the bundle that implements it.
 */
@Export
@Version("1.0.0")
package org.framegrid.webrtc.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
