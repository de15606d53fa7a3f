package org.framegrid.node.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.node.api.LogLevels;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.testing.Providers;
import org.junit.jupiter.api.Test;

/** What TAB offers after each framegrid command, read from the real engine as the node has it now. */
class ShellCompletionsTest {

    @Test
    void completesStageTypesStreamIdsPipelinesAndLevels() throws Exception {
        try (EmbeddedEngine engine = new EmbeddedEngine(1000, false)) {
            engine.addProvider(Providers.stage("test-source"), 0, 1, "util");
            engine.addProvider(Providers.stage("resize"), 0, 2, "util");
            engine.addProvider(Providers.stage("collect"), 0, 3, "util");
            PipelineDefinition p = new PipelineDefinition("tiny", "test", "1", List.of(
                    new NodeDefinition("source", "test-source", Map.of("width", 64, "height", 48)),
                    new NodeDefinition("sink", "collect", Map.of())), List.of(new EdgeDefinition("source", "sink",
                    null)), QueuePolicy.LATEST, null);
            engine.register(p);
            ShellCommands shell = new ShellCommands(engine, engine, null, null);

            assertEquals(List.of("collect", "resize", "test-source"), shell.completions(List.of("stages", "re"), 1),
                    "every type: JLine narrows by what was typed");
            assertEquals(List.of("collect", "resize", "test-source"),
                    shell.completions(List.of("framegrid:stages"), 1), "with the scope too");
            assertEquals(List.of(), shell.completions(List.of("stages", "resize", ""), 2), "one argument only");

            assertEquals(List.of(), shell.completions(List.of("stream"), 1), "no stream runs");
            engine.start("tiny", "cam-1", Map.of());
            assertEquals(List.of("cam-1"), shell.completions(List.of("stream", ""), 1));
            assertEquals(List.of("cam-1"), shell.completions(List.of("framegrid:stop", "c"), 1));

            assertEquals(List.of("check", "list", "show"), shell.completions(List.of("pipelines", ""), 1));
            assertEquals(List.of("tiny"), shell.completions(List.of("pipelines", "show", ""), 2));
            assertEquals(List.of("tiny"), shell.completions(List.of("pipelines", "check", "t"), 2));
            assertEquals(List.of(), shell.completions(List.of("pipelines", "list", ""), 2));
            assertEquals(List.of(), shell.completions(List.of("metrics", ""), 1), "free text: nothing offered");
            engine.stop("cam-1");
        }
        assertEquals(LogLevels.LEVELS.stream().sorted().toList(), new ShellCommands(null, null, null, null)
                .completions(List.of("loglevel", "ROOT", ""), 2), "levels after the logger");
    }

    @Test
    void pipelinesShowAndCheck() throws Exception {
        try (EmbeddedEngine engine = new EmbeddedEngine(1000, false)) {
            engine.addProvider(Providers.stage("test-source"), 0, 1, "util");
            engine.addProvider(Providers.stage("collect"), 0, 3, "util");
            engine.register(new PipelineDefinition("tiny", "test", "1", List.of(
                    new NodeDefinition("source", "test-source", Map.of("width", 64)),
                    new NodeDefinition("sink", "collect", Map.of())), List.of(new EdgeDefinition("source", "sink",
                    null)), QueuePolicy.LATEST, null));
            ShellCommands shell = new ShellCommands(engine, engine, null, null);
            assertEquals("tiny  (test)\n  source  test-source  {width=64}\n  sink  collect\n  source → sink",
                    shell.pipelines("show", "tiny"));
            assertEquals("tiny: no problems", shell.pipelines("check", "tiny"));
            assertEquals(shell.pipelines(), shell.pipelines("list"));
            assertEquals("no pipeline 'nope' (pipelines lists them)", shell.pipelines("show", "nope"));
            assertEquals("pipelines: no subcommand 'drop' (list, show, check)", shell.pipelines("drop", "tiny"));
        }
    }
}
