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

/** {@code webrtc-in}: the source that emits a WHIP publisher's frames, its audio riding on them. */
@Component(name = "org.framegrid.webrtc.in", service = StageProvider.class)
@StageType(type = WebRtcStages.SOURCE, classification = "Source/Video/Network")
public final class WebRtcInStage extends FactoryStageProvider {
    static final StageDescriptor DESCRIPTOR = new StageDescriptor(WebRtcStages.SOURCE, "Source/Video/Network",
            "Emits the video frames a WebRTC (WHIP) publisher sends, newest first (a frame the pipeline has not taken "
                    + "is replaced by a newer one), with its audio as PCM riding on them.",
            Set.of(), OutputRule.FIXED, Set.of(PixelFormat.I420), null, List.of(
            new PropertyDescriptor(WebRtcStages.SOURCE_PEER, PropertyType.STRING, null, true, false, List.of(), null,
                    null, "The publisher's peer id (WHIP resource).", "0.1"),
            new PropertyDescriptor("wait-ms", PropertyType.INTEGER, 100L, true, 1, 10_000,
                    "How long one call waits for the next frame before returning none.")));

    @Activate
    public WebRtcInStage(@Reference(target = WebRtcComponent.TARGET) WebRtcPeers peers) {
        this(WebRtcComponent.hubOf(peers));
    }

    WebRtcInStage(PeerHub hub) {
        super(DESCRIPTOR, () -> new WebRtcSource(hub));
    }
}
