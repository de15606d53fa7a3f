package org.framegrid.webrtc.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One WebRTC peer connection of this node: a WHIP publisher or a WHEP viewer. Thread-safe.
 */
@ProviderType
public interface Peer extends AutoCloseable {

    /** @return the peer's id: unguessable, URL-safe; the WHIP/WHEP resource is named after it */
    String id();

    /** @return the SDP answer, with this node's candidates */
    String answer();

    /** @return where the connection stands now */
    PeerState state();

    /**
     * Adds candidates the client trickled after its offer (a WHIP/WHEP {@code PATCH} with an
     * {@code application/trickle-ice-sdpfrag} body).
     *
     * @param fragment the SDP fragment: {@code a=mid:} lines, each followed by its {@code a=candidate:} lines
     * @return how many candidates were added
     * @throws WebRtcException 400 when the fragment holds no candidate
     */
    int addCandidates(String fragment) throws WebRtcException;

    /** @return what the peer carried so far, for status reports */
    PeerStats stats();

    /** Ends the peer (a WHIP/WHEP {@code DELETE}); its listener is told. Idempotent. */
    @Override
    void close();
}
