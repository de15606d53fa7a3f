package org.framegrid.pipeline.yaml.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code process IN -o OUT} refuses an output that is its input, however it is spelled, before anything runs. */
class PipelineProcessToolTest {

    @TempDir
    Path dir;

    private final EmbeddedEngine engine = Catalog.engine();
    private final ToolOutput io = new ToolOutput();
    private final PipelineProcessTool tool = new PipelineProcessTool(engine, engine, io.out, io.err);

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void anOutputThatIsTheInputIsRefusedAndTheInputKept() throws Exception {
        Path pipeline = Files.writeString(dir.resolve("p.yaml"), "stages:\n  - type: src\n  - type: sink\n");
        Path in = Files.write(dir.resolve("in.mp4"), new byte[] {1, 2, 3});
        Path link = Files.createSymbolicLink(dir.resolve("link.mp4"), in);
        for (String output : List.of(in.toString(), dir.resolve("sub/../in.mp4").toString(), link.toString())) {
            io.resetErr();
            assertEquals(2, tool.apply(List.of("--pipeline", pipeline.toString(), in.toString(), "-o", output)),
                    output);
            assertEquals("framegrid process: the output " + output + " is the input: refusing to overwrite it "
                    + "(choose another -o)\n", io.errText());
        }
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(in), "the input is untouched");
        assertEquals("", io.outText());
    }
}
