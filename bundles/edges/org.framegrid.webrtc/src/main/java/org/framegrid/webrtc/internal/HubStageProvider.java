package org.framegrid.webrtc.internal;

import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.webrtc.api.WebRtcPeers;

/** A stage type of this bundle: its descriptor, and the hub of peers and outlets its instances share. */
abstract class HubStageProvider implements StageProvider {
    final PeerHub hub;
    private final StageDescriptor descriptor;

    HubStageProvider(PeerHub hub, StageDescriptor descriptor) {
        this.hub = hub;
        this.descriptor = descriptor;
    }

    /** The stages reach the hub through the WebRtcPeers service of this bundle's component. */
    static PeerHub hubOf(WebRtcPeers peers) {
        return ((WebRtcComponent) peers).hub();
    }

    @Override
    public final StageDescriptor descriptor() {
        return descriptor;
    }
}
