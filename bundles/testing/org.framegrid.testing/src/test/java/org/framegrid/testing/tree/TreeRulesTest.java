package org.framegrid.testing.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The rules of {@link SourceTree} on this source tree, as {@code ./framegrid test} runs it. A problem listed in
 * {@code pending-tree-problems.txt} (work that another branch is doing) is tolerated; a listed one that no longer
 * occurs fails too, so the list only shrinks.
 */
class TreeRulesTest {

    /** A tolerated problem: in {@code file}, a message containing {@code key}. */
    record Pending(String file, String key) {
        boolean matches(SourceTree.Problem problem) {
            return problem.file().equals(file) && problem.message().contains(key);
        }
    }

    @Test
    void theSourceTreeKeepsTheRules() throws IOException {
        Path root = Path.of(System.getProperty("framegrid.tree", "../../.."));
        assertTrue(Files.isRegularFile(root.resolve("framegrid")), "not the Framegrid source tree: " + root.toAbsolutePath());
        List<SourceTree.Problem> problems = SourceTree.of(root).problems();
        List<Pending> pending = pending();

        List<String> broken = new ArrayList<>();
        for (SourceTree.Problem problem : problems) {
            if (pending.stream().noneMatch(p -> p.matches(problem))) {
                broken.add(problem.toString());
            }
        }
        List<String> stale = new ArrayList<>();
        for (Pending p : pending) {
            if (problems.stream().noneMatch(p::matches)) {
                stale.add(p.file() + " " + p.key());
            }
        }
        assertEquals(List.of(), broken, "the source tree breaks its rules:\n" + String.join("\n", broken));
        assertEquals(List.of(), stale, "fixed: remove from pending-tree-problems.txt:\n" + String.join("\n", stale));
    }

    private static List<Pending> pending() throws IOException {
        List<Pending> pending = new ArrayList<>();
        try (InputStream in = TreeRulesTest.class.getResourceAsStream("pending-tree-problems.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String entry = line.replaceFirst("#.*", "").strip();
                if (!entry.isEmpty()) {
                    String[] parts = entry.split("\\s+", 2);
                    pending.add(new Pending(parts[0], parts.length > 1 ? parts[1] : ""));
                }
            }
        }
        return pending;
    }
}
