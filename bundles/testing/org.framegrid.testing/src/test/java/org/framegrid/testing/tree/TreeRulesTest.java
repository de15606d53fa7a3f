package org.framegrid.testing.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The rules of {@link SourceTree} on this source tree, as {@code ./framegrid test} runs it. Nothing is tolerated: a
 * broken rule fails the suite, naming the file and line.
 */
class TreeRulesTest {

    @Test
    void theSourceTreeKeepsTheRules() {
        Path root = Path.of(System.getProperty("framegrid.tree", "../../.."));
        assertTrue(Files.isRegularFile(root.resolve("framegrid")), "not the Framegrid source tree: " + root.toAbsolutePath());
        List<String> broken = SourceTree.of(root).problems().stream().map(SourceTree.Problem::toString).toList();
        assertEquals(List.of(), broken, "the source tree breaks its rules:\n" + String.join("\n", broken));
    }
}
