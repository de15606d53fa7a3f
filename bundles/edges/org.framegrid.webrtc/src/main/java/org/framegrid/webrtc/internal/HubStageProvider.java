package org.framegrid.webrtc.internal;

import java.util.function.Function;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.webrtc.api.WebRtcPeers;

/** A stage type of this bundle: its descriptor, and the hub of peers and outlets its instances share. */
abstract class HubStageProvider implements StageProvider {
    private final PeerHub hub;
    private final StageDescriptor descriptor;
    private final Function<PeerHub, Stage> instances;

    /** @param instances makes an instance that uses {@code hub} */
    HubStageProvider(PeerHub hub, StageDescriptor descriptor, Function<PeerHub, Stage> instances) {
        this.hub = hub;
        this.descriptor = descriptor;
        this.instances = instances;
    }

    /** The stages reach the hub through the WebRtcPeers service of this bundle's component. */
    static PeerHub hubOf(WebRtcPeers peers) {
        return ((WebRtcComponent) peers).hub();
    }

    @Override
    public final StageDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final Stage create() {
        return instances.apply(hub);
    }
}
