package org.framegrid.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsTest {

    @TempDir
    Path home;

    @BeforeEach
    void nodeFolder() throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/framework.properties"), "");
    }

    @Test
    void shellAndHome() {
        Options options = Options.parse(new String[] {"--home", home.toString(), "--shell"});
        assertEquals(home, options.home());
        assertTrue(options.shell());
        assertNull(options.tool());
    }

    @Test
    void toolTakesTheRestOfTheLine() {
        Options options = Options.parse(new String[] {"--home", home.toString(), "--tool", "pipelines.check", "a.yaml", "--shell"});
        assertEquals("pipelines.check", options.tool());
        assertEquals(List.of("a.yaml", "--shell"), options.toolArgs());
        assertFalse(options.shell());
    }

    @Test
    void toolWithoutANameListsTheTools() {
        Options options = Options.parse(new String[] {"--home", home.toString(), "--tool"});
        assertEquals("", options.tool());
        assertEquals(List.of(), options.toolArgs());
    }

    @Test
    void badLinesSayWhy() {
        assertEquals("unknown option --bogus",
                assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--bogus"})).getMessage());
        assertEquals("--home needs a folder",
                assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--home"})).getMessage());
        Path empty = home.resolve("empty");
        assertEquals(empty.toAbsolutePath().normalize() + " is not a Framegrid node folder (no conf/framework.properties)",
                assertThrows(IllegalArgumentException.class,
                        () -> Options.parse(new String[] {"--home", empty.toString()})).getMessage());
    }
}
