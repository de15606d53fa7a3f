package org.framegrid.node.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.testing.Providers;
import org.junit.jupiter.api.Test;

/** {@code framegrid stages}: the listing, one type in full, and wrong usage naming the wrong word. */
class StagesToolTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void listsTypesShowsOneAndNamesTheWrongWord() throws Exception {
        try (EmbeddedEngine engine = new EmbeddedEngine(1000, false)) {
            engine.addProvider(Providers.stage("test-source"), 0, 1, "util");
            engine.addProvider(Providers.stage("resize"), 0, 2, "util");
            StagesTool tool = new StagesTool(engine, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertEquals(0, tool.apply(List.of()));
            String listing = out.toString(StandardCharsets.UTF_8);
            assertTrue(listing.startsWith("resize  ") && listing.contains("\ntest-source  "), listing);
            assertEquals(ShellText.stages(engine.all()) + "\n", listing, "the shell's listing");

            out.reset();
            assertEquals(0, tool.apply(List.of("resize")));
            String resize = out.toString(StandardCharsets.UTF_8);
            System.out.println(resize);
            // gst-inspect's layout: factory details, pad templates, then each property in full.
            assertTrue(resize.startsWith("Factory Details:\n  Type                     resize\n  Klass    "), resize);
            assertTrue(resize.contains("\nPad Templates:\n  SINK template: 'sink'\n    Availability: Always\n"
                    + "    Formats: "), resize);
            assertTrue(resize.contains("\n  SRC template: 'src'\n    Availability: Always\n"), resize);
            assertTrue(resize.contains("\nElement Properties:\n  width               : "), resize);
            assertTrue(resize.matches("(?s).*\n {24}Integer\\. Range: \\d+ - \\d+\\. Default: \\d+\n.*"), resize);
            assertTrue(resize.contains("flags: changeable while playing") || resize.contains("flags: changing it "
                    + "restarts the stage"), resize);

            out.reset();
            assertEquals(0, tool.apply(List.of("test-source")));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("SINK template: 'sink'\n    Availability: Never "
                    + "(a source)\n"), out.toString());

            assertEquals(1, tool.apply(List.of("nope")));
            assertEquals("stages: no stage type 'nope' (framegrid stages lists them)\n",
                    err.toString(StandardCharsets.UTF_8));
            err.reset();
            assertEquals(2, tool.apply(List.of("resize", "extra")));
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("stages: unexpected 'extra'\nusage: "));
            err.reset();
            assertEquals(2, tool.apply(List.of("--verbose")));
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("stages: unexpected '--verbose'"));
        }
    }
}
