package org.framegrid.webrtc.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.framegrid.webrtc.api.IceServer;
import org.framegrid.webrtc.api.Peer;
import org.framegrid.webrtc.api.PeerListener;
import org.framegrid.webrtc.api.WebRtcException;
import org.framegrid.webrtc.api.WebRtcPeers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The node's WebRTC peers (PID {@code org.framegrid.webrtc}; runs with defaults without a configuration). Activation
 * is fast: libwebrtc loads on the component's control thread when the first offer comes, which waits for it.
 */
@Component(name = WebRtcComponent.NAME, service = WebRtcPeers.class, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = WebRtcComponent.Config.class)
public final class WebRtcComponent implements WebRtcPeers {
    static final String NAME = "org.framegrid.webrtc";
    /** The stages' target: this component, whose hub they share. */
    static final String TARGET = "(component.name=" + NAME + ")";

    @ObjectClassDefinition(name = "Framegrid WebRTC")
    public @interface Config {
        @AttributeDefinition(description = "STUN servers, e.g. stun:stun.example.org:3478. Since 0.1.")
        String[] stun_servers() default {};

        @AttributeDefinition(description = "TURN servers, e.g. turn:turn.example.org:3478?transport=udp. Since 0.1.")
        String[] turn_servers() default {};

        @AttributeDefinition(description = "User name for the TURN servers. Since 0.1.")
        String turn_username() default "";

        @AttributeDefinition(description = "Password for the TURN servers. Since 0.1.")
        String turn_credential() default "";

        @AttributeDefinition(description = "Address clients reach this node at (1:1 NAT), added to the answers' host "
                + "candidates; empty for none. Since 0.1.")
        String public_address() default "";

        @AttributeDefinition(description = "Lowest UDP port for peers, 0 for any. Since 0.1.")
        int port_min() default 0;

        @AttributeDefinition(description = "Highest UDP port for peers, 0 for any. Since 0.1.")
        int port_max() default 0;

        @AttributeDefinition(description = "Gather on the wildcard address too: for hosts whose only interface is "
                + "loopback (containers without a network). Since 0.1.")
        boolean any_address_ports() default false;

        @AttributeDefinition(description = "Video codecs peers may use, best first: H264, VP8. Since 0.1.")
        String[] video_codecs() default {"H264", "VP8"};

        @AttributeDefinition(description = "Longest wait for ICE gathering before answering, ms. Since 0.1.")
        long gathering_timeout_millis() default 3_000;

        @AttributeDefinition(description = "A peer not connected after this long ends, ms. Since 0.1.")
        long connect_timeout_millis() default 15_000;

        @AttributeDefinition(description = "A peer disconnected this long ends (its stream is freed), ms. libwebrtc "
                + "reports a peer disconnected about 5 s after its last packet. Since 0.1.")
        long disconnect_timeout_millis() default 2_000;

        @AttributeDefinition(description = "A publisher whose video stops this long ends (its stream is freed), ms; "
                + "libwebrtc alone calls it disconnected only after ~7 s without packets. Since 0.1.")
        long media_timeout_millis() default 3_000;

        @AttributeDefinition(description = "Most WHEP viewers of one output; each has its own encoder. Since 0.1.")
        int max_viewers() default 8;
    }

    private final PeerHub hub;

    @Activate
    public WebRtcComponent(Config config) {
        this(settings(config));
    }

    /** Outside a framework (org.framegrid.webrtc.embedded). */
    public WebRtcComponent(WebRtcSettings settings) {
        this.hub = new PeerHub(settings);
    }

    static WebRtcSettings settings(Config c) {
        List<IceServer> servers = new ArrayList<>();
        if (c.stun_servers().length > 0) {
            servers.add(new IceServer(Arrays.asList(c.stun_servers()), null, null));
        }
        if (c.turn_servers().length > 0) {
            servers.add(new IceServer(Arrays.asList(c.turn_servers()), c.turn_username(), c.turn_credential()));
        }
        return new WebRtcSettings(servers, c.public_address().trim(), c.port_min(), c.port_max(),
                c.any_address_ports(), Arrays.asList(c.video_codecs()), c.gathering_timeout_millis(),
                c.connect_timeout_millis(), c.disconnect_timeout_millis(), c.media_timeout_millis(), c.max_viewers());
    }

    /** The stages reach the hub through the WebRtcPeers service of this bundle's component. */
    static PeerHub hubOf(WebRtcPeers peers) {
        return ((WebRtcComponent) peers).hub;
    }

    @Override
    public Peer publish(String offer, PeerListener listener) throws WebRtcException {
        return hub.publish(offer, listener);
    }

    @Override
    public Peer view(String outlet, String offer, PeerListener listener) throws WebRtcException {
        return hub.view(outlet, offer, listener);
    }

    @Override
    public boolean hasOutlet(String outlet) {
        return hub.hasOutlet(outlet);
    }

    @Override
    public List<IceServer> iceServers() {
        return hub.iceServers();
    }

    @Deactivate
    public void close() {
        hub.close();
    }
}
