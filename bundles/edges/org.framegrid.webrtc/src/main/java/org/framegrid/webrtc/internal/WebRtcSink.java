package org.framegrid.webrtc.internal;

import org.framegrid.api.frame.AudioSamples;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.webrtc.api.WebRtcStages;

/** One {@code webrtc-out} instance: holds its outlet from start to stop and pushes every frame into it. */
final class WebRtcSink implements Stage {
    private final PeerHub hub;
    private String name;
    private Outlet outlet;

    WebRtcSink(PeerHub hub) {
        this.hub = hub;
    }

    @Override
    public void configure(StageContext context, StageProperties properties) {
        this.name = properties.getString(WebRtcStages.SINK_OUTLET);
    }

    @Override
    public void start() throws Exception {
        outlet = hub.openOutlet(name);
    }

    @Override
    public Frame process(Frame frame) {
        AudioSamples audio = frame.meta(FrameMeta.AUDIO);
        if (audio != null) {
            outlet.push(audio);
        }
        outlet.push(frame);
        return null;
    }

    @Override
    public void update(StageProperties properties) {
        // no live properties
    }

    @Override
    public void stop() {
        if (outlet != null) {
            hub.releaseOutlet(outlet);
            outlet = null;
        }
    }
}
