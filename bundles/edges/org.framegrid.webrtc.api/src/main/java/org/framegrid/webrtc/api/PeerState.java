package org.framegrid.webrtc.api;

/** Where a {@link Peer} stands. */
public enum PeerState {
    /** Answered; ICE and DTLS are being set up. */
    CONNECTING,
    /** Media can flow. */
    CONNECTED,
    /** Connectivity was lost; the peer ends unless it comes back within the disconnect timeout. */
    DISCONNECTED,
    /** Gone: closed, failed or timed out. Final. */
    ENDED
}
