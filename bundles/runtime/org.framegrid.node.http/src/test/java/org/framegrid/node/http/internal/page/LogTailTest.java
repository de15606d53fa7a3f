package org.framegrid.node.http.internal.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir
    Path dir;

    @Test
    void theLastLinesOfTheCurrentFile() throws IOException {
        Files.writeString(dir.resolve("framegrid.0.log"), "one\ntwo\nthree\n");
        assertEquals(List.of("two", "three"), LogTail.last(dir, 2));
        assertEquals(List.of("one", "two", "three"), LogTail.last(dir, 10));
    }

    @Test
    void aLongFileIsReadFromItsEndWithoutAHalfLine() throws IOException {
        String text = IntStream.range(0, 20_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        Files.writeString(dir.resolve("framegrid.0.log"), text);
        List<String> last = LogTail.last(dir, 3000);
        assertEquals("line 19999", last.getLast());
        assertEquals(true, last.getFirst().startsWith("line "), "a whole first line: " + last.getFirst());
    }

    @Test
    void noLogNoLines() {
        assertEquals(List.of(), LogTail.last(dir, 5));
        assertEquals(List.of(), LogTail.last(null, 5));
    }
}
