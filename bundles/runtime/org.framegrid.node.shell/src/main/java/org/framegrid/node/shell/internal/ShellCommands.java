package org.framegrid.node.shell.internal;

import static org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;
import static org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY;

import java.util.List;
import java.util.Locale;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StageCatalog;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.node.api.LogLevels;
import org.framegrid.node.api.NodeReport;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The operator's Gogo commands, scope {@code framegrid} (tab completion lists them): streams, pipelines, stage types,
 * metrics (payments, models, sessions: every value {@code /metrics} serves, without histograms) and log levels. Each
 * command answers with text; a service the node does not run now is named in one line instead.
 */
@Component(service = ShellCommands.class, property = {"osgi.command.scope=framegrid",
        "osgi.command.function=streams", "osgi.command.function=stream", "osgi.command.function=stop",
        "osgi.command.function=pipelines", "osgi.command.function=stages", "osgi.command.function=metrics",
        "osgi.command.function=payments", "osgi.command.function=models", "osgi.command.function=loglevel",
        "osgi.command.function=completions"})
public final class ShellCommands {

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    private volatile PipelineService pipelines;

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    private volatile StageCatalog catalog;

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    private volatile NodeReport report;

    @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
    private volatile LogLevels logLevels;

    /** For DS. */
    public ShellCommands() {
    }

    /** Outside a framework (tests): with these services, any of them {@code null}. */
    ShellCommands(PipelineService pipelines, StageCatalog catalog, NodeReport report, LogLevels logLevels) {
        this.pipelines = pipelines;
        this.catalog = catalog;
        this.report = report;
        this.logLevels = logLevels; // as DS binds them: dynamic, optional
    }

    /** {@code streams}: every running stream, its state and how fast its last stage goes. */
    public String streams() {
        PipelineService p = pipelines;
        return p == null ? noEngine() : ShellText.streams(p.streams().stream().map(StreamHandle::status).toList());
    }

    /** {@code stream ID}: one stream's stages: fps, latency, queue, drops, errors, provider. */
    public String stream(String id) {
        PipelineService p = pipelines;
        if (p == null) {
            return noEngine();
        }
        return p.stream(id).map(h -> ShellText.stream(h.status())).orElse("no stream '" + id + "' (streams lists "
                + "them)");
    }

    /** {@code stop ID}: stops a stream. */
    public String stop(String id) {
        PipelineService p = pipelines;
        if (p == null) {
            return noEngine();
        }
        return p.stop(id) ? "stopped " + id : "no stream '" + id + "' (streams lists them)";
    }

    /** {@code pipelines}: the pipeline definitions the node knows. */
    public String pipelines() {
        PipelineService p = pipelines;
        return p == null ? noEngine() : ShellText.pipelines(p.definitions());
    }

    /** {@code pipelines list}: as {@code pipelines}. */
    public String pipelines(String command) {
        return command.equals("list") ? pipelines() : pipelines(command, "");
    }

    /** {@code pipelines show NAME}: its nodes, properties and edges; {@code pipelines check NAME}: its problems. */
    public String pipelines(String command, String name) {
        PipelineService p = pipelines;
        if (p == null) {
            return noEngine();
        }
        if (!command.equals("show") && !command.equals("check")) {
            return "pipelines: no subcommand '" + command + "' (" + String.join(", ",
                    ShellCompletions.PIPELINE_COMMANDS) + ")";
        }
        StageCatalog c = catalog;
        return p.definition(name).map(d -> command.equals("show") ? ShellText.pipeline(d)
                        : c == null ? noEngine() : ShellText.problems(d, c.check(d)))
                .orElse("no pipeline '" + name + "' (pipelines lists them)");
    }

    /** {@code stages}: every stage type available now, with its class and description. */
    public String stages() {
        StageCatalog c = catalog;
        return c == null ? noEngine() : ShellText.stages(c.all());
    }

    /** {@code stages TYPE}: one stage type's formats and properties (types, ranges, defaults). */
    public String stages(String type) {
        StageCatalog c = catalog;
        if (c == null) {
            return noEngine();
        }
        return c.find(type).map(ShellText::stage).orElse("no stage type '" + type + "' (stages lists them)");
    }

    /** {@code metrics}: every counter and gauge of the node. */
    public String metrics() {
        return metrics("framegrid_");
    }

    /** {@code metrics PREFIX}: the counters and gauges whose name starts with PREFIX. */
    public String metrics(String prefix) {
        NodeReport r = report;
        return r == null ? "the node's HTTP service (org.framegrid.node.http) is not active"
                : ShellText.metrics(r.samples(), prefix);
    }

    /** {@code payments}: tickets sent, received, won and redeemed, value at risk, deposit and reserve. */
    public String payments() {
        return metrics("framegrid_payment_");
    }

    /** {@code models}: the installed model versions and the stage instances that loaded each (warm or cold). */
    public String models() {
        return metrics("framegrid_model");
    }

    /** {@code loglevel}: the log levels set now. */
    public String loglevel() {
        LogLevels l = logLevels;
        return l == null ? noLogging() : ShellText.levels(l.levels());
    }

    /** {@code loglevel NAME LEVEL}: a bundle's (or {@code ROOT}'s) level until the node stops. */
    public String loglevel(String logger, String level) {
        LogLevels l = logLevels;
        if (l == null) {
            return noLogging();
        }
        try {
            l.set(logger, level);
            return logger + " logs at " + level.toUpperCase(Locale.ROOT) + " now";
        } catch (IllegalArgumentException e) {
            return e.getMessage() + " (levels: " + String.join(", ", LogLevels.LEVELS) + ")";
        }
    }

    /**
     * {@code completions WORDS INDEX}: what TAB offers for the word at INDEX of a framegrid command line (the
     * node's {@code etc/gosh_profile} registers it with Gogo's {@code complete}); see {@link ShellCompletions}.
     */
    public List<String> completions(List<?> words, int index) {
        return ShellCompletions.complete(words.stream().map(String::valueOf).toList(), index, pipelines, catalog,
                logLevels);
    }

    private static String noEngine() {
        return "the pipeline engine (org.framegrid.pipeline.engine) is not active";
    }

    private static String noLogging() {
        return "the logging bundle (org.framegrid.runtime.logging) is not active";
    }
}
