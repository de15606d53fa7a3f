package org.framegrid.gateway.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.Signatures;
import org.framegrid.chain.api.StakingService;
import org.framegrid.gateway.embedded.GatewaySettings;
import org.framegrid.node.api.MetricSource;
import org.framegrid.node.api.MetricWriter;
import org.framegrid.payment.api.PaymentSender;
import org.framegrid.selection.api.OrchestratorSelector;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.SegmentChannels;
import org.framegrid.trickle.tls.NodeTrust;
import org.framegrid.trickle.tls.Pem;
import org.framegrid.trickle.tls.TlsIdentity;
import org.framegrid.webrtc.api.WebRtcPeers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A gateway node per configuration (factory PID {@code org.framegrid.gateway}). Orchestrators come from the static
 * list plus, when the node is on a chain, the active orchestrators of the BondingManager's pool with their service
 * URIs and stake (read through the optional {@link StakingService}, so a gateway also runs without a chain).
 */
// immediate: the gateway serves apps from its own port; its one service (metrics) has consumers only when scraped,
// and a delayed component would not start serving until then.
@Component(name = "org.framegrid.gateway", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = MetricSource.class, immediate = true)
@Designate(ocd = GatewayComponent.Config.class, factory = true)
public final class GatewayComponent implements MetricSource {

    @ObjectClassDefinition(name = "Framegrid gateway")
    public @interface Config {
        @AttributeDefinition(description = "The gateway's 0x address (the payment sender). Since 0.1.")
        String address();

        @AttributeDefinition(description = "Address to bind. Since 0.1.")
        String host() default "127.0.0.1";

        @AttributeDefinition(description = "Port of the developer API; 0 picks a free one. Since 0.1.")
        int port() default 8936;

        @AttributeDefinition(description = "Static orchestrator URIs. Since 0.1.")
        String[] orchestrators() default {};

        @AttributeDefinition(description = "Most paid per second of stream, in wei. Since 0.1.")
        String max_price_per_second_wei() default "10000000000000";

        @AttributeDefinition(description = "Milliseconds between periodic payments. Since 0.1.")
        long payment_interval_millis() default 5_000;

        @AttributeDefinition(description = "No output for this many input frame intervals (never under 300 ms) while "
                + "input flows = a stalled orchestrator: 1.6 s at 25 fps, 0.67 s at 60 fps. Since 0.2.")
        int stall_frames() default GatewaySettings.DEFAULT_STALL_FRAMES;

        @AttributeDefinition(description = "The stall limit in milliseconds while the input's frame rate is not known "
                + "(input without MPEG-TS timestamps); a session's first output gets three times it (model loading). "
                + "Since 0.1.")
        long stall_millis() default 1_500;

        @AttributeDefinition(description = "A stream in which no frame moved (input or output) for this many "
                + "milliseconds is ended; time without frames is not paid for. Since 0.2.")
        long stream_idle_millis() default GatewaySettings.DEFAULT_IDLE_MILLIS;

        @AttributeDefinition(description = "Discover the chain's active orchestrators (service URI, stake). Since 0.1.")
        boolean discovery_chain() default true;

        @AttributeDefinition(description = "Milliseconds between reads of the chain's orchestrator pool. Since 0.1.")
        long discovery_interval_millis() default 30_000;

        @AttributeDefinition(description = "API keys that may start streams (Authorization: Bearer KEY on POST "
                + "/v1/streams and WHIP); none: anyone who reaches the gateway. Since 0.1.")
        String[] api_keys() default {};

        @AttributeDefinition(description = "Web origins whose browser apps may call the gateway (CORS), e.g. "
                + "https://app.example.com; none: only the node's own page. Since 0.1.")
        String[] cors_origins() default {};

        @AttributeDefinition(description = "URL POSTed {stream, type, pipeline, params, headers} before a stream "
                + "starts; non-2xx denies it, a 2xx body {pipeline, pipeline_parameters} may replace them; empty: "
                + "none. Since 0.1.")
        String auth_webhook() default "";

        @AttributeDefinition(description = "Use orchestrators over plain http:// too (off: only https://, with a "
                + "certificate bound to the orchestrator's address or issued by tls.ca.file's CA). On is logged as a "
                + "warning. Since 0.2.")
        boolean allow_plain_http() default false;

        @AttributeDefinition(description = "PEM file of CA certificates that may issue orchestrators' certificates "
                + "(checked with the host name of the service URI); empty: only certificates bound to the "
                + "orchestrator's address. Since 0.2.")
        String tls_ca_file() default "";

        @AttributeDefinition(description = "PEM certificate chain (leaf first) the developer API (/v1, WHIP/WHEP, "
                + "page, HLS) serves HTTPS with; empty: plain HTTP. Since 0.2.")
        String api_tls_certificate_file() default "";

        @AttributeDefinition(description = "PEM private key of api.tls.certificate.file. Since 0.2.")
        String api_tls_key_file() default "";
    }

    private final Gateway node;
    private final String address;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile StakingService staking;

    /** Recovers orchestrators' certificate bindings; while there is none, bound certificates are refused. */
    private volatile Signatures signatures;

    /** WHIP/WHEP need both; either may come and go without restarting the gateway. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PipelineService pipelines;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile WebRtcPeers peers;

    @Activate
    public GatewayComponent(Config config, @Reference SegmentChannels channels,
                            @Reference TrickleServerFactory servers,
                            @Reference(policyOption = ReferencePolicyOption.GREEDY) OrchestratorSelector selector,
                            @Reference(policyOption = ReferencePolicyOption.GREEDY) PaymentSender payments)
            throws IOException {
        address = config.address();
        node = new Gateway(new GatewaySettings(config.address(), config.host(), config.port(),
                Arrays.stream(config.orchestrators()).map(URI::create).toList(), Map.of(),
                new BigInteger(config.max_price_per_second_wei()), config.payment_interval_millis(),
                config.stall_millis(), config.stream_idle_millis(), config.stall_frames()), channels, selector,
                payments, servers,
                config.discovery_chain() ? this::fromChain : null, config.discovery_interval_millis(),
                apiTls(config));
        node.trust().useRecovery(this::signer);
        if (!config.tls_ca_file().isBlank()) {
            node.trust().useCa(NodeTrust.ca(Path.of(config.tls_ca_file())));
        }
        node.allowPlainHttp(config.allow_plain_http());
        node.warm();
        node.useWebRtc(() -> pipelines, () -> peers);
        node.requireApiKeys(Arrays.asList(config.api_keys()));
        node.allowOrigins(Arrays.asList(config.cors_origins()));
        node.useAuthWebhook(config.auth_webhook());
    }

    private static TlsIdentity apiTls(Config config) throws IOException {
        if (config.api_tls_certificate_file().isBlank()) {
            if (!config.api_tls_key_file().isBlank()) {
                throw new IllegalArgumentException("gateway " + config.address() + ": api.tls.key.file is set "
                        + "without api.tls.certificate.file");
            }
            return null;
        }
        if (config.api_tls_key_file().isBlank()) {
            throw new IllegalArgumentException("gateway " + config.address() + ": api.tls.key.file is needed with "
                    + "api.tls.certificate.file");
        }
        return Pem.identity(Path.of(config.api_tls_certificate_file()), Path.of(config.api_tls_key_file()));
    }

    /** The chain's signatures came (the chain connected): orchestrators' certificates can be checked from now on. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSignatures(Signatures s) {
        signatures = s;
        node.warm();
    }

    void unbindSignatures(Signatures s) {
        if (signatures == s) {
            signatures = null;
        }
    }

    private String signer(byte[] message, byte[] signature) throws ChainException {
        Signatures current = signatures;
        if (current == null) {
            throw new ChainException("recover", "no chain connection yet", false);
        }
        return current.signer(message, signature);
    }

    /** The pool's active orchestrators that publish a service URI; none while the node has no chain. */
    private List<OrchestratorDirectory.Listing> fromChain() throws ChainException {
        StakingService current = staking;
        if (current == null) {
            return List.of();
        }
        return ChainDirectory.listings(current.orchestrators());
    }

    @Override
    public void collect(MetricWriter out) {
        GatewayMetrics.write(address, node.reports(), out);
        node.meters().write(address, out);
    }

    @Deactivate
    void deactivate() {
        node.close();
    }
}
