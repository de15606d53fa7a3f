package org.framegrid.node.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.node.api.MetricSample;
import org.framegrid.node.api.NodeReport;
import org.framegrid.node.api.Readiness;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.testing.Await;
import org.framegrid.testing.Providers;
import org.junit.jupiter.api.Test;

/** The shell commands over a real engine running a stream, and a node report's samples. */
class ShellCommandsTest {

    /**
     * @return an engine (status every {@code statusPeriodMillis}) with the test-source and collect stages and the
     *     {@code more} ones, and the pipeline {@code name}: a test source with {@code source} properties into collect
     */
    static EmbeddedEngine sourceIntoCollect(long statusPeriodMillis, String name, Map<String, Object> source,
                                            String... more) throws Exception {
        EmbeddedEngine engine = new EmbeddedEngine(statusPeriodMillis, false);
        List<String> types = new ArrayList<>(List.of("test-source", "collect"));
        types.addAll(List.of(more));
        for (int i = 0; i < types.size(); i++) {
            engine.addProvider(Providers.stage(types.get(i)), 0, i + 1, "util");
        }
        engine.register(new PipelineDefinition(name, "test", "1", List.of(
                new NodeDefinition("source", "test-source", source), new NodeDefinition("sink", "collect", Map.of())),
                List.of(new EdgeDefinition("source", "sink", null)), QueuePolicy.LATEST, null));
        return engine;
    }

    @Test
    void streamsStagesPipelinesAndMetricsAsText() throws Exception {
        try (EmbeddedEngine engine = sourceIntoCollect(200, "shell-test",
                Map.of("width", 32, "height", 24, "fps", 30.0))) {
            NodeReport report = new NodeReport() {
                @Override
                public List<MetricSample> samples() {
                    return List.of(new MetricSample("framegrid_payment_tickets_won", "Winners", true,
                            Map.of("recipient", "0xr"), 3), new MetricSample("framegrid_streams", "Streams", false,
                            Map.of(), 1));
                }

                @Override
                public List<Readiness> readiness() {
                    return List.of();
                }
            };
            ShellCommands shell = new ShellCommands(engine, engine, report, null);

            assertEquals("no streams", shell.streams());
            assertTrue(shell.pipelines().startsWith("shell-test  test-source → collect  (test)"), shell.pipelines());
            engine.start("shell-test", "s1", Map.of());
            Await.until("frames at the sink", 10_000, () -> shell.stream("s1").contains("sink  collect  ACTIVE")
                    && !shell.stream("s1").contains("  0  0  0  ") && shell.streams().contains(" ONLINE "));
            assertTrue(shell.streams().startsWith("s1  shell-test  ONLINE  2 stages, sink at "), shell.streams());
            assertTrue(shell.stream("s1").contains("\nnode  type  mode  fps  p50 ms  p99 ms  queue  processed"),
                    shell.stream("s1"));

            assertTrue(shell.stages().contains("test-source  "), shell.stages());
            String source = shell.stages("test-source");
            assertTrue(source.contains("SINK template: 'sink'\n    Availability: Never (a source)"), source);
            assertTrue(source.contains("\n  fps                 : "), source);
            assertTrue(source.contains(". Default: "), source);
            assertEquals("no stage type 'nope' (stages lists them)", shell.stages("nope"));

            assertEquals("framegrid_payment_tickets_won_total{recipient=\"0xr\"} 3", shell.payments());
            assertEquals("framegrid_streams 1", shell.metrics("framegrid_streams"));
            assertEquals("no metrics named framegrid_model* now", shell.models());
            assertEquals("the logging bundle (org.framegrid.runtime.logging) is not active", shell.loglevel());

            assertEquals("stopped s1", shell.stop("s1"));
            assertEquals("no stream 's1' (streams lists them)", shell.stream("s1"));
        }
    }
}
