package org.framegrid.webrtc.api;

/**
 * What one peer carried so far.
 *
 * @param kind {@code publish} (WHIP) or {@code view} (WHEP)
 * @param state where it stands
 * @param videoCodec the negotiated video codec, e.g. {@code H264} or {@code VP8}; empty before negotiation
 * @param audio whether an audio track was negotiated
 * @param frames video frames received (publish) or pushed to its encoder's source (view: the outlet's count)
 * @param width the last frame's width, 0 before the first
 * @param height the last frame's height, 0 before the first
 * @param fps video frames per second over the last two seconds
 * @param connectMillis from the answer to CONNECTED, -1 before
 */
public record PeerStats(String kind, PeerState state, String videoCodec, boolean audio, long frames, int width,
                        int height, double fps, long connectMillis) {
}
