package org.framegrid.webrtc.api;

/**
 * The stage types through which WebRTC media enters and leaves a pipeline, and the properties that name the peer or
 * outlet. The WebRTC bundle registers them; a gateway builds its WHIP ingest and WHEP output pipelines with them.
 */
public final class WebRtcStages {
    /** The source that emits a WHIP publisher's video frames (I420), its audio riding on them as PCM. */
    public static final String SOURCE = "webrtc-in";
    /** {@link #SOURCE}'s property: the {@link Peer#id()} of the publisher. */
    public static final String SOURCE_PEER = "peer";
    /** The sink that pushes frames (I420) and the PCM audio riding on them to every WHEP viewer of an outlet. */
    public static final String SINK = "webrtc-out";
    /** {@link #SINK}'s property: the outlet's name, which viewers name in {@link WebRtcPeers#view}. */
    public static final String SINK_OUTLET = "outlet";

    private WebRtcStages() {
    }
}
