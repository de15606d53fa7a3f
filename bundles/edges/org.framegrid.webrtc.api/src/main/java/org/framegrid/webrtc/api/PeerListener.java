package org.framegrid.webrtc.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Told when a {@link Peer} ends. Called once, on a thread of the WebRTC bundle; must not block for long. */
@ConsumerType
@FunctionalInterface
public interface PeerListener {

    /**
     * @param peer the peer that ended
     * @param reason why, one line ({@code "closed by DELETE"}, {@code "ICE failed"}, {@code "disconnected for 5 s"})
     */
    void ended(Peer peer, String reason);
}
