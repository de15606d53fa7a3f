package org.framegrid.runtime.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is the configuration reference of the node the build assembled: regenerated here from the
 * bundles' metatype and compared, so that a new or changed configuration key cannot leave the reference behind.
 */
class ConfigurationReferenceTest {

    @Test
    void theReferenceMatchesTheNodesBundles() throws Exception {
        String current = ConfigurationReference.of(ConfigurationReference.nodeBundles());
        Path generated = Path.of("target", "configuration.md");
        Files.createDirectories(generated.getParent());
        Files.writeString(generated, current);
        Path committed = Path.of("../../docs/configuration.md");
        String expected = Files.exists(committed) ? Files.readString(committed) : "";
        assertEquals(expected, current, "docs/configuration.md is out of date with the node's bundles: copy "
                + generated.toAbsolutePath() + " over it");
    }
}
