package org.framegrid.node.http.internal.page;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.chain.api.ChainService;
import org.framegrid.node.api.MetricSample;
import org.framegrid.node.api.NodeReport;

/**
 * What the status page shows, as one JSON document ({@code /status.json}): readiness (bundles and components, and
 * what each waits for), pipelines, running streams with each stage's figures, the metric panels (node, models,
 * network, payments) from the sources' values, the chain panel, and the last log lines.
 */
public final class StatusJson {

    /** Panels of metric values: title and the name prefixes of the metrics it shows. */
    private static final Map<String, List<String>> PANELS = panels();

    private static final int LOG_LINES = 40;

    private final NodeReport report;
    private final Supplier<PipelineService> pipelines;
    private final ChainPanel chain;
    private final Path logDir;

    public StatusJson(NodeReport report, Supplier<PipelineService> pipelines, Supplier<ChainService> chain,
            Path logDir) {
        this.report = report;
        this.pipelines = pipelines;
        this.chain = new ChainPanel(chain);
        this.logDir = logDir;
    }

    private static Map<String, List<String>> panels() {
        Map<String, List<String>> panels = new LinkedHashMap<>();
        panels.put("Node", List.of("framegrid_node_", "framegrid_frame_pool_", "framegrid_streams"));
        panels.put("Models", List.of("framegrid_model"));
        panels.put("Network", List.of("framegrid_gateway_", "framegrid_orchestrator_", "framegrid_selection_"));
        panels.put("Payments and earnings", List.of("framegrid_payment_"));
        panels.put("Chain activity", List.of("framegrid_chain_"));
        return panels;
    }

    /** @return the page's document; every part is read now */
    public Map<String, Object> build() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        doc.put("readiness", report.readiness());
        PipelineService engine = pipelines.get();
        doc.put("pipelines", engine == null ? List.of() : engine.definitions().stream()
                .sorted((a, b) -> a.name().compareTo(b.name())).map(StatusJson::pipeline).toList());
        doc.put("streams", engine == null ? List.of() : engine.streams().stream().map(StreamHandle::status).toList());
        List<MetricSample> samples = report.samples();
        Map<String, List<MetricSample>> panels = new LinkedHashMap<>();
        PANELS.forEach((title, prefixes) -> panels.put(title, samples.stream()
                .filter(s -> prefixes.stream().anyMatch(s.name()::startsWith)).toList()));
        doc.put("panels", panels);
        doc.put("chain", chain.read());
        doc.put("log", LogTail.last(logDir, LOG_LINES));
        return doc;
    }

    private static Map<String, Object> pipeline(PipelineDefinition d) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", d.name());
        p.put("revision", d.revision());
        p.put("source", d.source());
        List<String> nodes = new ArrayList<>();
        d.nodes().forEach(n -> nodes.add(n.name() + " (" + n.type() + ")"));
        p.put("nodes", nodes);
        return p;
    }
}
