package org.framegrid.webrtc.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The node's WebRTC peers (a service of the bundle that owns libwebrtc). Offers are answered without trickle on our
 * side: the answer carries every candidate of this node (host candidates, the configured public address, and what the
 * configured STUN and TURN servers gave), so one HTTP exchange sets a peer up; the client may trickle its own
 * candidates afterwards ({@link Peer#addCandidates}).
 *
 * <p>A peer ends on {@link Peer#close()}, when ICE or DTLS fails, when it stays disconnected past the configured
 * timeout, or when it never connects; each end is told to its {@link PeerListener} once.
 *
 * <p>Thread-safe. Methods block while the answer is prepared (ICE gathering: milliseconds with host candidates, up
 * to the configured gathering timeout with STUN or TURN).
 */
@ProviderType
public interface WebRtcPeers {

    /**
     * Answers a WHIP publisher's offer: the peer sends video (H.264 or VP8) and optionally Opus audio. Its media is
     * read by a {@code webrtc-in} stage whose {@link WebRtcStages#SOURCE_PEER} property is {@link Peer#id()}.
     *
     * @param offer the SDP offer
     * @param listener told once when the peer ends
     * @return the peer, with its answer
     * @throws WebRtcException 400 when the offer is not usable (no video, no codec we take), 503 when WebRTC cannot
     *     run on this node
     */
    Peer publish(String offer, PeerListener listener) throws WebRtcException;

    /**
     * Answers a WHEP viewer's offer: the peer receives what a {@code webrtc-out} stage pushes into {@code outlet}
     * (video, and Opus audio when the viewer offers audio). Each viewer has its own encoder, so it starts on a key
     * frame.
     *
     * @param outlet the name of a running outlet ({@link WebRtcStages#SINK_OUTLET})
     * @param offer the SDP offer
     * @param listener told once when the peer ends
     * @return the peer, with its answer
     * @throws WebRtcException 404 when no such outlet runs, 400 when the offer is not usable, 503 when WebRTC cannot
     *     run on this node
     */
    Peer view(String outlet, String offer, PeerListener listener) throws WebRtcException;

    /** @return whether an outlet of that name runs now */
    boolean hasOutlet(String outlet);

    /** @return the STUN and TURN servers of this node, for the WHIP/WHEP {@code Link} headers; never {@code null} */
    List<IceServer> iceServers();
}
