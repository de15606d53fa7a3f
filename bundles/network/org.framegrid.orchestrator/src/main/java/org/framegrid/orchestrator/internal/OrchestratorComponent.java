package org.framegrid.orchestrator.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StageCatalog;
import org.framegrid.chain.api.Signatures;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.inference.api.Model;
import org.framegrid.node.api.MetricSource;
import org.framegrid.node.api.MetricWriter;
import org.framegrid.node.api.Readiness;
import org.framegrid.node.api.ReadinessCheck;
import org.framegrid.orchestrator.embedded.OrchestratorSettings;
import org.framegrid.payment.api.PaymentReceiver;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.channel.SegmentChannels;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * An orchestrator node per configuration (factory PID {@code org.framegrid.orchestrator}): several can run in one
 * JVM (the demo). Binding the server is quick; pipelines start per session.
 *
 * <p>Payment receivers are dynamic, greedy and multiple: new sessions use the highest-ranked one, and replacing the
 * payment bundle leaves the node and its sessions running.
 */
// immediate: the orchestrator serves gateways from its own port, whether or not anything reads its services.
@Component(name = "org.framegrid.orchestrator", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {MetricSource.class, ReadinessCheck.class}, immediate = true)
@Designate(ocd = OrchestratorComponent.Config.class, factory = true)
public final class OrchestratorComponent implements MetricSource, ReadinessCheck {

    @ObjectClassDefinition(name = "Framegrid orchestrator")
    public @interface Config {
        @AttributeDefinition(description = "The node's 0x address (its identity on chain). Since 0.1.")
        String address();

        @AttributeDefinition(description = "Address to bind. Since 0.1.")
        String host() default "127.0.0.1";

        @AttributeDefinition(description = "Port; 0 picks a free one. Since 0.1.")
        int port() default 8935;

        @AttributeDefinition(description = "Serve HTTPS (the default): with tls.certificate.file if set, else with "
                + "a certificate bound to the node's address (its chain account signs the TLS key's fingerprint). "
                + "false: plain HTTP, logged as a warning, and gateways use it only with allow.plain.http. Since 0.1; "
                + "on by default since 0.2.")
        boolean tls() default true;

        @AttributeDefinition(description = "Folder of the node's TLS key pair (made once, file ADDRESS.key), for "
                + "the bound certificate. Since 0.2.")
        String tls_key_folder() default "data/tls";

        @AttributeDefinition(description = "PEM certificate chain (leaf first) to serve instead of the bound "
                + "certificate, e.g. one a CA issued for the host of the service URI; empty: bound. Since 0.2.")
        String tls_certificate_file() default "";

        @AttributeDefinition(description = "PEM private key of tls.certificate.file. Since 0.2.")
        String tls_key_file() default "";

        @AttributeDefinition(description = "Live pipelines offered (names of pipeline files with decode and encode). Since 0.1.")
        String[] pipelines() default {"privacy"};

        @AttributeDefinition(description = "Sessions run at once. Since 0.1.")
        int capacity() default 2;

        @AttributeDefinition(description = "Price per second of stream, in wei. Since 0.1.")
        String price_per_second_wei() default "1000000000000";

        @AttributeDefinition(description = "Seconds of stream the initial payment must cover. Since 0.1.")
        int initial_seconds() default 10;

        @AttributeDefinition(description = "Milliseconds between status events. Since 0.1.")
        long status_millis() default 10_000;
    }

    private final PaymentReceivers receivers = new PaymentReceivers();
    private final ModelWarmth warmth = new ModelWarmth();
    private final Orchestrator node;
    private final OrchestratorSettings settings;
    private final PipelineService pipelines;
    private final StageCatalog catalog;

    /**
     * @param signatures the chain account's signatures: the bound certificate's binding (so the node listens once its
     *     chain connection is up)
     */
    @Activate
    public OrchestratorComponent(Config config, @Reference PipelineService pipelines, @Reference StageCatalog catalog,
                                 @Reference SegmentChannels channels,
                                 @Reference TrickleServerFactory servers,
                                 @Reference(name = "signatures") Signatures signatures)
            throws IOException {
        settings = new OrchestratorSettings(config.address(), config.host(), config.port(), config.tls(),
                List.of(config.pipelines()), config.capacity(), new BigInteger(config.price_per_second_wei()),
                config.initial_seconds(), config.status_millis());
        this.pipelines = pipelines;
        this.catalog = catalog;
        node = new Orchestrator(settings, pipelines, catalog, channels, receivers, servers,
                OrchestratorTls.identity(config, signatures));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPaymentReceiver(PaymentReceiver receiver, Map<String, Object> properties) {
        receivers.add(receiver, properties.get("service.ranking") instanceof Integer r ? r : 0,
                properties.get("service.id") instanceof Long id ? id : Long.MAX_VALUE);
    }

    void removePaymentReceiver(PaymentReceiver receiver) {
        receivers.remove(receiver);
    }

    /** SCR's view of the components: why no payment receiver is registered, when none is. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setComponentRuntime(ServiceComponentRuntime scr) {
        receivers.explainAbsence(() -> PaymentAbsence.reason(scr));
    }

    void unsetComponentRuntime(ServiceComponentRuntime scr) {
        receivers.explainAbsence(() -> PaymentAbsence.reason(null));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addModel(Model model, Map<String, Object> properties) {
        warmth.addModel(String.valueOf(properties.get(Model.NAME_PROPERTY)));
    }

    void removeModel(Model model, Map<String, Object> properties) {
        warmth.removeModel(String.valueOf(properties.get(Model.NAME_PROPERTY)));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addBackend(InferenceBackend backend) {
        warmth.addBackend(backend);
    }

    void removeBackend(InferenceBackend backend) {
        warmth.removeBackend(backend);
    }

    @Override
    public void collect(MetricWriter out) {
        OrchestratorMetrics.write(settings, node.sessionManager(), out);
    }

    @Override
    public List<Readiness> check() {
        return List.of(OrchestratorReadiness.check(settings, pipelines, catalog, warmth, receivers, node.warmup()));
    }

    @Deactivate
    void deactivate() {
        node.close();
    }
}
