package org.framegrid.webrtc.internal;

import java.util.List;
import java.util.Set;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.FactoryStageProvider;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.framegrid.webrtc.api.WebRtcPeers;
import org.framegrid.webrtc.api.WebRtcStages;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code webrtc-out}: the sink that hands frames and the PCM audio riding on them to an outlet's WHEP viewers. */
@Component(name = "org.framegrid.webrtc.out", service = StageProvider.class)
@StageType(type = WebRtcStages.SINK, classification = "Sink/Video/Network")
public final class WebRtcOutStage extends FactoryStageProvider {
    static final StageDescriptor DESCRIPTOR = new StageDescriptor(WebRtcStages.SINK, "Sink/Video/Network",
            "Sends frames, and the PCM audio riding on them, to every WebRTC (WHEP) viewer of an outlet; each viewer "
                    + "encodes on its own.",
            Set.of(PixelFormat.I420), OutputRule.NONE, Set.of(), null, List.of(
            new PropertyDescriptor(WebRtcStages.SINK_OUTLET, PropertyType.STRING, null, true, false, List.of(), null,
                    null, "The outlet's name, which WHEP viewers ask for.", "0.1")));

    @Activate
    public WebRtcOutStage(@Reference(target = WebRtcComponent.TARGET) WebRtcPeers peers) {
        this(WebRtcComponent.hubOf(peers));
    }

    WebRtcOutStage(PeerHub hub) {
        super(DESCRIPTOR, () -> new WebRtcSink(hub));
    }
}
