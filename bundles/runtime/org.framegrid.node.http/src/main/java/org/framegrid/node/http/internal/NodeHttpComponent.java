package org.framegrid.node.http.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.chain.api.ChainService;
import org.framegrid.node.api.LogLevels;
import org.framegrid.node.api.MetricSample;
import org.framegrid.node.api.MetricSampleList;
import org.framegrid.node.api.MetricSource;
import org.framegrid.node.api.NodeReport;
import org.framegrid.node.api.Readiness;
import org.framegrid.node.api.ReadinessCheck;
import org.framegrid.node.http.internal.metrics.PrometheusEndpoint;
import org.framegrid.trickle.TrickleServer;
import org.framegrid.trickle.TrickleServerFactory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The node's operator endpoints on every node, a plain one too: {@code /metrics}, {@code /healthz}, {@code /readyz},
 * the status page and log levels ({@link OperatorRoutes}), on a server of the trickle bundle. Gathers the whiteboard
 * of {@link MetricSource}s and {@link ReadinessCheck}s and publishes what they say as {@link NodeReport}.
 *
 * <p>When the configured port is taken (a second node on the machine), the service takes a free one and says so in
 * the log and in {@code run/http.url}: the node stays observable instead of failing.
 */
@Component(name = "org.framegrid.node.http", immediate = true, service = NodeReport.class)
@Designate(ocd = NodeHttpComponent.Config.class)
public final class NodeHttpComponent implements NodeReport {

    private static final Logger LOG = Logger.getLogger(NodeHttpComponent.class.getName());

    @ObjectClassDefinition(name = "Framegrid node HTTP service",
            description = "The operator endpoints: /metrics, /healthz, /readyz, /status, /log/levels")
    public @interface Config {
        @AttributeDefinition(description = "Address to bind; 127.0.0.1 keeps the endpoints on this machine. Since 0.1.")
        String host() default "127.0.0.1";

        @AttributeDefinition(description = "Port of the endpoints; 0 picks a free one, and so does a taken port "
                + "(logged, and written to run/http.url). Since 0.1.")
        int port() default 7935;
    }

    private final Sources sources = new Sources();
    private final TrickleServer server;
    private final Path urlFile;
    private final BundleContext context;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PipelineService pipelines;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ChainService chain;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LogLevels logLevels;

    @Activate
    public NodeHttpComponent(Config config, BundleContext context, @Reference TrickleServerFactory servers)
            throws IOException {
        this.context = context;
        this.server = start(servers, config.host(), config.port());
        String home = context.getProperty("framegrid.home");
        this.urlFile = home == null ? null : Path.of(home, "run", "http.url");
        OperatorRoutes routes = new OperatorRoutes(context, new PrometheusEndpoint(sources::collect), this,
                () -> pipelines, () -> chain, () -> logLevels, logDir(context));
        server.route("/", routes.routes());
        if (urlFile != null) {
            Files.createDirectories(urlFile.getParent());
            Files.writeString(urlFile, server.baseUri() + "\n");
        }
        LOG.info("operator endpoints at " + server.baseUri() + ": /metrics /healthz /readyz /status /log/levels");
    }

    private static TrickleServer start(TrickleServerFactory servers, String host, int port) throws IOException {
        try {
            return servers.start(host, port, null);
        } catch (IOException e) {
            if (port == 0) {
                throw e;
            }
            TrickleServer any = servers.start(host, 0, null);
            LOG.warning(e.getMessage() + " (another node?): operator endpoints at " + any.baseUri() + " instead");
            return any;
        }
    }

    private static Path logDir(BundleContext context) {
        String dir = context.getProperty("framegrid.log.dir");
        return dir == null ? null : Path.of(dir);
    }

    @Deactivate
    void deactivate() throws IOException {
        server.close();
        if (urlFile != null) {
            Files.deleteIfExists(urlFile);
        }
    }

    /** By reference: the source is got at the first scrape (see {@link Sources}). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(ServiceReference<MetricSource> reference) {
        sources.add(reference, () -> context.getService(reference), () -> context.ungetService(reference));
    }

    void removeSource(ServiceReference<MetricSource> reference) {
        sources.remove(reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCheck(ReadinessCheck check) {
        sources.add(check);
    }

    void removeCheck(ReadinessCheck check) {
        sources.remove(check);
    }

    @Override
    public List<MetricSample> samples() {
        MetricSampleList list = new MetricSampleList();
        sources.collect(list);
        return list.samples();
    }

    @Override
    public List<Readiness> readiness() {
        return sources.readiness();
    }
}
