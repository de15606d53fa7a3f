package org.framegrid.runtime.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.pipeline.StreamState;
import org.framegrid.testing.Await;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * The node's pipelines folder: a file added or edited is a new definition at once, a running stream keeps the
 * revision it started with, a broken edit changes nothing (the node and the stream keep running), a deleted file's
 * pipeline is gone.
 */
public class PipelineFolderIT extends NodeTest {

    @Inject
    private PipelineService pipelines;

    @Inject
    private LogReaderService logs;

    @Override
    @Configuration
    public Option[] configuration() {
        Path folder = NodeBundles.workDir("pipelines");
        return NodeBundles.node(
                frameworkProperty("framegrid.pipelines.dir").value(folder.toString()),
                frameworkProperty("framegrid.pipelines.poll").value("100"));
    }

    private static String pipeline(int fps) {
        return """
                name: live
                stages:
                  - type: test-source
                    properties: {width: 64, height: 48, fps: %d}
                  - type: passthrough
                  - type: "null"
                """.formatted(fps);
    }

    @Test
    public void filesBecomeDefinitionsWhileStreamsKeepTheirRevision() throws Exception {
        Path file = Path.of(context.getProperty("framegrid.pipelines.dir")).resolve("live.yaml");
        Files.writeString(file, pipeline(30));
        Await.until("the new file is a definition", WAIT_MILLIS, () -> pipelines.definition("live").isPresent());
        String first = pipelines.definition("live").orElseThrow().revision();

        try (StreamHandle stream = pipelines.start("live", "folder-test", Map.of())) {
            Await.until("the stream runs", WAIT_MILLIS, () -> stream.status().state() == StreamState.ONLINE);

            Files.writeString(file, pipeline(15));
            Await.until("the edit is a new revision", WAIT_MILLIS,
                    () -> !pipelines.definition("live").map(PipelineDefinition::revision).orElse(first).equals(first));
            String second = pipelines.definition("live").orElseThrow().revision();
            assertEquals("the running stream keeps the revision it started with", first, stream.definition().revision());

            // The folder reports a broken edit in the node's log: wait for that report, not for some time.
            List<String> messages = new CopyOnWriteArrayList<>();
            LogListener listener = entry -> messages.add(entry.getMessage());
            logs.addLogListener(listener);
            try {
                Files.writeString(file, "name: live\nstages:\n  - type: test-source\n   properties: {fps: 5}\n");
                Await.until("the broken edit reported", WAIT_MILLIS,
                        () -> messages.stream().anyMatch(m -> m.contains("keeps its previous version until")));
            } finally {
                logs.removeLogListener(listener);
            }
            assertEquals("a broken edit changes nothing", second, pipelines.definition("live").orElseThrow().revision());
            assertEquals("the stream keeps running", StreamState.ONLINE, stream.status().state());

            Files.delete(file);
            Await.until("a deleted file's pipeline is gone", WAIT_MILLIS, () -> pipelines.definition("live").isEmpty());
            assertTrue("streams are not affected by definitions", pipelines.stream("folder-test").isPresent());
        }
    }
}
