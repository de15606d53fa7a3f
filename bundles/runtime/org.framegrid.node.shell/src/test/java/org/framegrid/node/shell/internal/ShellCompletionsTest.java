package org.framegrid.node.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.framegrid.node.api.LogLevels;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.junit.jupiter.api.Test;

/** What TAB offers after each framegrid command, read from the real engine as the node has it now. */
class ShellCompletionsTest {

    @Test
    void completesStageTypesStreamIdsPipelinesAndLevels() throws Exception {
        try (EmbeddedEngine engine = ShellCommandsTest.sourceIntoCollect(1000, "tiny",
                Map.of("width", 64, "height", 48), "resize")) {
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
        try (EmbeddedEngine engine = ShellCommandsTest.sourceIntoCollect(1000, "tiny", Map.of("width", 64))) {
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
