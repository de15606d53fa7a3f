package org.framegrid.pipeline.yaml.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineDefinitionException;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StageCatalog;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.pipeline.StreamStatus;
import org.framegrid.api.stage.MediaStages;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code framegrid process --pipeline FILE [IN] -o OUT}: runs a pipeline over a file and exits when the input has
 * ended. {@code IN} goes to the pipeline's {@code decode} source ({@code input}), {@code OUT} to its {@code encode}
 * sink ({@code output}). Every queue blocks (a file job drops nothing). Shows progress (a bar on a terminal, a line
 * every 2 s otherwise) and a summary: frames in and out, drops, errors, average fps, per-stage latency.
 */
@Component(name = "org.framegrid.pipeline.yaml.process", property = {"framegrid.tool=pipelines.process",
        "framegrid.tool.description=run a pipeline over a file (progress, then a summary)"})
public final class PipelineProcessTool implements Function<List<String>, Integer> {

    static final String USAGE = "usage: framegrid process --pipeline FILE [IN] [-o OUT]";
    private static final AtomicInteger JOBS = new AtomicInteger();

    private final PipelineService pipelines;
    private final PipelineChecker checker;
    private final PrintStream out;
    private final PrintStream err;

    @Activate
    public PipelineProcessTool(@Reference PipelineService pipelines, @Reference StageCatalog catalog) {
        this(pipelines, catalog, System.out, System.err);
    }

    PipelineProcessTool(PipelineService pipelines, StageCatalog catalog, PrintStream out, PrintStream err) {
        this.pipelines = pipelines;
        this.checker = new PipelineChecker(catalog);
        this.out = out;
        this.err = err;
    }

    private record Job(String pipeline, String input, String output) {
    }

    @Override
    public Integer apply(List<String> args) {
        Job job = parse(args);
        if (job == null) {
            err.println(USAGE);
            return 2;
        }
        if (job.input() != null && job.output() != null && sameFile(Path.of(job.input()), Path.of(job.output()))) {
            err.println("framegrid process: the output " + job.output() + " is the input: refusing to overwrite it "
                    + "(choose another -o)");
            return 2;
        }
        PipelineChecker.Checked checked = checker.check(job.pipeline());
        if (checked.definition() == null) {
            checked.problems().forEach(err::println);
            return 1;
        }
        PipelineDefinition definition = fileJob(checked.definition());
        Map<String, Object> params = new HashMap<>();
        String problem = bind(definition, MediaStages.DECODE, MediaStages.DECODE_INPUT, job.input(), "an input file",
                params);
        problem = problem != null ? problem : bind(definition, MediaStages.ENCODE, MediaStages.ENCODE_OUTPUT,
                job.output(), "an output file (-o)", params);
        if (problem != null) {
            err.println(job.pipeline() + ": " + problem);
            return 2;
        }
        String id = "process-" + JOBS.incrementAndGet();
        try (StreamHandle stream = pipelines.start(definition, id, params)) {
            long start = System.nanoTime();
            Progress progress = new Progress(out, System.console() != null && System.console().isTerminal());
            while (!stream.awaitEnd(250, TimeUnit.MILLISECONDS)) {
                progress.show(stream.status(), System.nanoTime() - start);
            }
            StreamStatus last = stream.status();
            progress.done();
            summary(last, System.nanoTime() - start);
            return last.stages().stream().mapToLong(StageStatus::errors).sum() == 0 ? 0 : 1;
        } catch (PipelineDefinitionException e) {
            e.problems().forEach(err::println); // e.g. the input is not a video, or its codec is unsupported
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("framegrid: process interrupted");
            return 1;
        }
    }

    private static Job parse(List<String> args) {
        String pipeline = null;
        String output = null;
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--pipeline" -> pipeline = i + 1 < args.size() ? args.get(++i) : null;
                case "-o", "--output" -> output = i + 1 < args.size() ? args.get(++i) : null;
                default -> inputs.add(args.get(i));
            }
        }
        if (pipeline == null || inputs.size() > 1) {
            return null;
        }
        return new Job(pipeline, inputs.isEmpty() ? null : inputs.get(0), output);
    }

    /** @return whether {@code output} names {@code input} (the same file by another path or link counts too) */
    static boolean sameFile(Path input, Path output) {
        try {
            if (Files.exists(input) && Files.exists(output)) {
                return Files.isSameFile(input, output);
            }
        } catch (IOException e) {
            // cannot tell: compare the paths below
        }
        return input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize());
    }

    /** A file job blocks instead of dropping: every {@code latest} queue becomes {@code block}. */
    private static PipelineDefinition fileJob(PipelineDefinition d) {
        List<NodeDefinition> nodes = d.nodes().stream().map(n -> n.queuePolicy() != QueuePolicy.LATEST ? n
                : new NodeDefinition(n.name(), n.type(), n.properties(), QueuePolicy.BLOCK, n.queueCapacity(),
                        n.missingProvider(), n.position(), n.propertyPositions())).toList();
        QueuePolicy policy = d.queuePolicy() == QueuePolicy.LATEST ? QueuePolicy.BLOCK : d.queuePolicy();
        return new PipelineDefinition(d.name(), d.source(), d.revision(), nodes, d.edges(), policy, d.position());
    }

    /**
     * Sets {@code node.property = value} on the single node of {@code type}: a value needs exactly one such node, and
     * such a node needs a value (a pipeline without {@code encode}, e.g. decode-only, takes no {@code -o}).
     */
    private static String bind(PipelineDefinition d, String type, String property, String value, String what,
            Map<String, Object> params) {
        List<NodeDefinition> nodes = d.nodes().stream().filter(n -> n.type().equals(type)).toList();
        if (value == null) {
            return nodes.isEmpty() ? null : what + " is needed for its '" + type + "' stage";
        }
        if (nodes.size() != 1) {
            return "needs exactly one '" + type + "' stage to take " + value + " (it has " + nodes.size() + ")";
        }
        params.put(nodes.get(0).name() + "." + property, value);
        return null;
    }

    private void summary(StreamStatus status, long nanos) {
        List<StageStatus> stages = status.stages();
        // Frames in: what entered the stage after the source (the source's own count includes its end-of-stream call).
        long in = stages.size() > 1 ? stages.get(1).processed() : stages.get(0).processed();
        long outFrames = stages.get(stages.size() - 1).processed();
        double seconds = nanos / 1e9;
        out.printf(Locale.ROOT, "%s: %d frames in, %d out, %d dropped, %d errors in %.1f s (%.1f fps)%n",
                status.pipeline(), in, outFrames, stages.stream().mapToLong(StageStatus::drops).sum(),
                stages.stream().mapToLong(StageStatus::errors).sum(), seconds, outFrames / Math.max(seconds, 1e-9));
        for (StageStatus stage : stages) {
            out.printf(Locale.ROOT, "  %-16s %-14s p50 %7.2f ms  p99 %7.2f ms%s%n", stage.node(), stage.type(),
                    stage.p50Millis(), stage.p99Millis(), stage.lastError() == null ? "" : "  last error: " + stage.lastError());
        }
    }
}
