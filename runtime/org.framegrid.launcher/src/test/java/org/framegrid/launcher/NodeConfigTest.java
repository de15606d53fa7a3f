package org.framegrid.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigTest {

    @TempDir
    Path home;

    @AfterEach
    void clearOverrides() {
        System.clearProperty("felix.fileinstall.poll");
    }

    private void write(String properties) throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/framework.properties"), properties);
    }

    @Test
    void referencesResolveThroughHomeAndOtherKeys() throws IOException {
        write("""
                framegrid.deploy.dir=${framegrid.home}/deploy
                felix.fileinstall.dir=${framegrid.home}/conf,${framegrid.deploy.dir}
                """);
        Map<String, String> config = NodeConfig.load(home);
        String root = home.toAbsolutePath().normalize().toString();
        assertEquals(root + "/deploy", config.get("framegrid.deploy.dir"));
        assertEquals(root + "/conf," + root + "/deploy", config.get("felix.fileinstall.dir"));
    }

    @Test
    void systemPropertiesOverrideTheFile() throws IOException {
        write("felix.fileinstall.poll=500\n");
        System.setProperty("felix.fileinstall.poll", "100");
        assertEquals("100", NodeConfig.load(home).get("felix.fileinstall.poll"));
    }

    @Test
    void unknownReferenceNamesTheFileAndKey() throws IOException {
        write("framegrid.log.dir=${no.such.key}/log\n");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> NodeConfig.load(home));
        assertEquals(home.resolve("conf/framework.properties") + ": framegrid.log.dir refers to unknown property ${no.such.key}",
                error.getMessage());
    }

    @Test
    void selfReferenceIsAnErrorNotAStackOverflow() throws IOException {
        write("framegrid.a=${framegrid.b}\nframegrid.b=${framegrid.a}\n");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> NodeConfig.load(home));
        assertTrue(error.getMessage().contains("refers to itself"), error.getMessage());
    }

    @Test
    void missingFileIsAOneLineError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> NodeConfig.load(home));
        assertTrue(error.getMessage().startsWith("cannot read " + home.resolve("conf/framework.properties")),
                error.getMessage());
    }
}
