package org.framegrid.pipeline.yaml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineCheckToolTest {

    @TempDir
    Path dir;

    private final EmbeddedEngine engine = Catalog.engine();
    private final ToolOutput io = new ToolOutput();
    private final PipelineCheckTool tool = new PipelineCheckTool(engine, io.out, io.err);

    @AfterEach
    void close() {
        engine.close();
    }

    private String write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file.toString();
    }

    @Test
    void validFilesExitZero() throws IOException {
        String good = write("good.yaml", "stages:\n  - type: src\n  - type: sink\n");
        assertEquals(0, tool.apply(List.of(good)));
        assertEquals("1 file checked, no problems\n", io.outText());
        assertEquals("", io.errText());
    }

    @Test
    void everyProblemOfEveryFileIsListedAndTheExitCodeIsOne() throws IOException {
        String good = write("good.yaml", "stages:\n  - type: src\n  - type: sink\n");
        String bad = write("bad.yaml", "stages:\n  - type: src\n  - type: gray\n  - type: snik\n");
        assertEquals(1, tool.apply(List.of(good, bad, dir.resolve("none.yaml").toString())));
        assertEquals(String.join("\n",
                bad + ":4:11: node 'snik': unknown stage type 'snik'; did you mean 'sink'?",
                dir.resolve("none.yaml") + ":1:1: no such file") + "\n", io.errText());
        assertEquals("3 files checked, 2 problems\n", io.outText());
    }

    @Test
    void noFilesIsAUsageError() {
        assertEquals(2, tool.apply(List.of()));
        assertEquals("usage: framegrid pipelines check FILE...\n", io.errText());
    }
}
