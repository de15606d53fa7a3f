package org.framegrid.webrtc.internal;

import java.util.List;
import org.framegrid.webrtc.api.IceServer;

/**
 * How the node's WebRTC peers run.
 *
 * @param iceServers STUN and TURN servers, used for gathering and told to clients
 * @param publicAddress an address clients reach this node at (1:1 NAT), added to the answers' host candidates; empty
 *     for none
 * @param minPort lowest UDP port for peers, 0 for any
 * @param maxPort highest UDP port for peers, 0 for any
 * @param anyAddressPorts gather on the wildcard address too: needed on hosts whose only interface is loopback
 * @param videoCodecs the video codecs peers may use, best first ({@code H264}, {@code VP8})
 * @param gatheringMillis how long an answer waits for ICE gathering at most
 * @param connectMillis a peer that has not connected after this long ends
 * @param disconnectMillis a peer that stays disconnected this long ends
 * @param mediaTimeoutMillis a publisher whose video stops this long ends (after its first frame)
 * @param maxViewers the most WHEP viewers of one outlet (each has its own encoder)
 */
public record WebRtcSettings(List<IceServer> iceServers, String publicAddress, int minPort, int maxPort,
                             boolean anyAddressPorts, List<String> videoCodecs, long gatheringMillis,
                             long connectMillis, long disconnectMillis, long mediaTimeoutMillis,
                             int maxViewers) {

    /** Copies the lists. */
    public WebRtcSettings {
        iceServers = List.copyOf(iceServers);
        videoCodecs = List.copyOf(videoCodecs);
        if (videoCodecs.isEmpty()) {
            throw new IllegalArgumentException("video.codecs is empty: name H264, VP8 or both");
        }
        for (String codec : videoCodecs) {
            if (!codec.equals("H264") && !codec.equals("VP8")) {
                throw new IllegalArgumentException("video.codecs: '" + codec + "' is not H264 or VP8");
            }
        }
    }

    /** The defaults: host candidates only, H.264 then VP8, 2 s to reconnect, 15 s to connect, 3 s without video. */
    public static WebRtcSettings defaults() {
        return new WebRtcSettings(List.of(), "", 0, 0, false, List.of("H264", "VP8"), 3_000, 15_000, 2_000, 3_000,
                8);
    }
}
