package org.framegrid.webrtc.embedded;

import org.framegrid.api.stage.StageProvider;
import org.framegrid.webrtc.api.WebRtcPeers;
import org.framegrid.webrtc.internal.WebRtcComponent;
import org.framegrid.webrtc.internal.WebRtcInStage;
import org.framegrid.webrtc.internal.WebRtcOutStage;
import org.framegrid.webrtc.internal.WebRtcSettings;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The node's WebRTC in a plain JVM, with its defaults (host candidates, H.264 then VP8): the {@link WebRtcPeers}
 * service and the {@code webrtc-in} and {@code webrtc-out} stage providers that share its peers and outlets, as DS
 * binds them in a node. {@link #close()} ends every peer and frees libwebrtc's factory.
 */
@ProviderType
public final class EmbeddedWebRtc implements AutoCloseable {

    private final WebRtcComponent component;

    /**
     * @param anyAddressPorts gather on the wildcard address too (hosts whose only interface is loopback)
     */
    public EmbeddedWebRtc(boolean anyAddressPorts) {
        WebRtcSettings d = WebRtcSettings.defaults();
        this.component = new WebRtcComponent(new WebRtcSettings(d.iceServers(), d.publicAddress(), d.minPort(),
                d.maxPort(), anyAddressPorts, d.videoCodecs(), d.gatheringMillis(), d.connectMillis(),
                d.disconnectMillis(), d.mediaTimeoutMillis(), d.maxViewers()));
    }

    /** @return the peers: WHIP publishers and WHEP viewers */
    public WebRtcPeers peers() {
        return component;
    }

    /** @return a new {@code webrtc-in} provider over these peers */
    public StageProvider source() {
        return new WebRtcInStage(component);
    }

    /** @return a new {@code webrtc-out} provider over these peers */
    public StageProvider sink() {
        return new WebRtcOutStage(component);
    }

    @Override
    public void close() {
        component.close();
    }
}
