package org.framegrid.node.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.chain.api.ChainService;
import org.framegrid.node.api.LogLevels;
import org.framegrid.node.api.NodeReport;
import org.framegrid.node.api.Readiness;
import org.framegrid.node.http.internal.metrics.PrometheusEndpoint;
import org.framegrid.node.http.internal.page.StatusJson;
import org.framegrid.trickle.HttpReply;
import org.framegrid.trickle.json.HttpProblem;
import org.framegrid.trickle.json.JsonCall;
import org.framegrid.trickle.json.JsonRoutes;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The operator endpoints:
 * <ul>
 *   <li>{@code GET /metrics}: Prometheus text;</li>
 *   <li>{@code GET /healthz}: 200 while the node runs (liveness: restart it when this fails);</li>
 *   <li>{@code GET /readyz}: 200 when every readiness condition holds, else 503; one line per condition either way
 *       ({@code ready CHECK: detail} or {@code NOT READY CHECK: detail});</li>
 *   <li>{@code GET /status} (and {@code /}): the status page; {@code GET /status.json}: what it shows;</li>
 *   <li>{@code GET /log/levels}, {@code PUT /log/levels/NAME} with the level as body: log levels at run time.</li>
 * </ul>
 */
final class OperatorRoutes {

    private static final String HTML = "text/html; charset=utf-8";

    private final BundleContext context;
    private final PrometheusEndpoint metrics;
    private final NodeReport report;
    private final Supplier<LogLevels> logLevels;
    private final StatusJson status;
    private final byte[] page;

    OperatorRoutes(BundleContext context, PrometheusEndpoint metrics, NodeReport report,
            Supplier<PipelineService> pipelines, Supplier<ChainService> chain, Supplier<LogLevels> logLevels,
            Path logDir) throws IOException {
        this.context = context;
        this.metrics = metrics;
        this.report = report;
        this.logLevels = logLevels;
        this.status = new StatusJson(report, pipelines, chain, logDir);
        try (InputStream in = OperatorRoutes.class.getResourceAsStream("/status/status.html")) {
            if (in == null) {
                throw new IOException("the status page is missing from the bundle (status/status.html)");
            }
            this.page = in.readAllBytes();
        }
    }

    JsonRoutes routes() {
        return new JsonRoutes()
                .on("GET", "/metrics", call -> new HttpReply(200, PrometheusEndpoint.CONTENT_TYPE, Map.of(),
                        metrics.scrape()))
                .on("GET", "/healthz", call -> healthz())
                .on("GET", "/readyz", call -> readyz())
                .on("GET", "/", call -> new HttpReply(200, HTML, Map.of(), page))
                .on("GET", "/status", call -> new HttpReply(200, HTML, Map.of(), page))
                .on("GET", "/status.json", call -> JsonRoutes.reply(200, status.build()))
                .on("GET", "/log/levels", call -> JsonRoutes.reply(200, levels().levels()))
                .on("PUT", "/log/levels/{logger}", this::setLevel)
                .on("POST", "/log/levels/{logger}", this::setLevel);
    }

    private HttpReply healthz() {
        int state = context.getBundle(0).getState();
        if (state == Bundle.ACTIVE) {
            return HttpReply.text(200, "ok: the node is running");
        }
        return HttpReply.text(503, "the node is " + (state == Bundle.STOPPING ? "stopping" : "starting"));
    }

    private HttpReply readyz() {
        List<Readiness> conditions = report.readiness();
        boolean ready = !conditions.isEmpty() && conditions.stream().allMatch(Readiness::ready);
        StringBuilder body = new StringBuilder(ready ? "ready" : "NOT READY");
        if (conditions.isEmpty()) {
            body.append(": nothing reported readiness yet (the node is starting)");
        }
        for (Readiness r : conditions) {
            body.append('\n').append(r.ready() ? "ready " : "NOT READY ").append(r.check()).append(": ")
                    .append(r.detail());
        }
        return HttpReply.text(ready ? 200 : 503, body.toString());
    }

    private LogLevels levels() throws HttpProblem {
        LogLevels current = logLevels.get();
        if (current == null) {
            throw new HttpProblem(503, "log levels cannot be changed: the logging bundle is not active");
        }
        return current;
    }

    /** The body is the level: {@code DEBUG}, or {@code {"level": "DEBUG"}}. */
    private HttpReply setLevel(JsonCall call) throws HttpProblem {
        String body = new String(call.http().body(), StandardCharsets.UTF_8).strip();
        String level = body.startsWith("{") ? String.valueOf(call.body("a log level").get("level")) : body;
        String logger = call.param("logger");
        try {
            levels().set(logger, level);
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(400, e.getMessage());
        }
        return JsonRoutes.reply(200, Map.of("logger", logger, "level", level.toUpperCase(Locale.ROOT)));
    }
}
