package org.framegrid.runtime.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import javax.inject.Inject;

import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.StageMode;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.pipeline.StreamState;
import org.framegrid.api.stage.FrameListener;
import org.framegrid.inference.api.Model;
import org.framegrid.testing.Await;
import org.junit.Test;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;

/**
 * Model bundles swapped under a live 30 fps {@code detect-faces} stream through the deploy folder, with the real
 * BlazeFace model: a newer version dropped beside the running one takes over at a frame boundary (no frame lost or
 * bypassed, status names the new version); a truncated newer version fails to load with a clear error while the
 * stream keeps the good one; removing the newer version falls back to the older; removing the last one bypasses the
 * stage and the stream reports DEGRADED; bringing it back makes the stream ONLINE again; a newer version moved over
 * the deployed file (an in-place bundle update) takes over too. The node never restarts.
 */
public class ModelSwapIT extends NodeTest {

    private static final String NAME = "blazeface-front";
    private static final String DESCRIPTOR = "model/model.properties";

    /** What the collect sink saw: the frame's sequence number and whether detect-faces ran on it. */
    private record Seen(long sequence, boolean detected) {
    }

    @Inject
    private PipelineService pipelines;

    @Test
    public void modelVersionsAreSwappedRemovedAndRestoredUnderALiveStream() throws Exception {
        Path deploy = Path.of(context.getProperty("felix.fileinstall.dir"));
        Path shipped = NodeBundles.nodeDir().resolve("models/model-" + NAME + ".jar");
        String first = bundleVersion(shipped);
        String second = bump(first, 1);
        String broken = bump(first, 2);
        Path firstJar = deploy.resolve("model-" + NAME + ".jar");
        Path secondJar = deploy.resolve("model-" + NAME + "-" + second + ".jar");
        Files.copy(shipped, firstJar);
        Await.until("the model service appears", WAIT_MILLIS, () -> models() == 1);

        List<Seen> seen = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> properties = new Hashtable<>();
        ServiceRegistration<FrameListener> listener = context.registerService(FrameListener.class,
                (stream, node, frame) -> seen.add(new Seen(frame.sequence(), frame.meta(FrameMeta.DETECTIONS) != null)),
                properties);
        try (StreamHandle stream = pipelines.start(pipeline(), "model-swap", Map.of())) {
            Await.until("frames flow through the model", WAIT_MILLIS, () -> seen.size() >= 15);
            assertTrue(faces(stream).provider(), faces(stream).provider().endsWith("(model " + NAME + " " + first + ")"));
            assertTrue("every frame went through the model", seen.stream().allMatch(Seen::detected));

            // 1. A newer version beside the running one: it takes over at a frame boundary.
            int beforeSwap = seen.size();
            long dropped = System.nanoTime();
            copyAtomically(version(shipped, second, UnaryOperator.identity()), secondJar);
            Await.until("status names the new version", WAIT_MILLIS,
                    () -> String.valueOf(faces(stream).provider()).endsWith(NAME + " " + second + ")"));
            long swapMillis = (System.nanoTime() - dropped) / 1_000_000;
            int afterSwap = seen.size();
            Await.until("the stream keeps flowing after the swap", WAIT_MILLIS, () -> seen.size() >= afterSwap + 15);
            List<Seen> swapWindow = List.copyOf(seen).subList(beforeSwap - 1, seen.size());
            long swapBypassed = swapWindow.stream().filter(s -> !s.detected()).count();
            assertEquals("no frame bypassed across the swap", 0, swapBypassed);
            assertEquals("no frame lost across the swap", 0, lost(swapWindow));
            assertEquals(StreamState.ONLINE, stream.status().state());

            // 2. A truncated newer version: a clear error at load, the stream keeps the good one.
            Path brokenJar = deploy.resolve("model-" + NAME + "-" + broken + ".jar");
            copyAtomically(version(shipped, broken, bytes -> Arrays.copyOf(bytes, bytes.length / 2)), brokenJar);
            Await.until("the failed load is reported", WAIT_MILLIS, () -> {
                String error = faces(stream).lastError();
                return error != null && error.contains("cannot start");
            });
            String error = faces(stream).lastError();
            System.out.println("a truncated model version under a live stream: " + error);
            int afterBroken = seen.size();
            Await.until("frames still flow", WAIT_MILLIS, () -> seen.size() >= afterBroken + 15);
            assertTrue("still the good version: " + faces(stream).provider(),
                    faces(stream).provider().endsWith(NAME + " " + second + ")"));
            assertTrue("still processed by the model", seen.get(seen.size() - 1).detected());
            Files.delete(brokenJar);
            Await.until("both model versions as services", WAIT_MILLIS, () -> models() == 2);

            // 3. The newer version removed: the older one that is left takes over again.
            Files.delete(secondJar);
            Await.until("back on the first version", WAIT_MILLIS,
                    () -> String.valueOf(faces(stream).provider()).endsWith(NAME + " " + first + ")"));
            Await.until("the stream ONLINE on the first version", WAIT_MILLIS,
                    () -> stream.status().state() == StreamState.ONLINE);

            // 4. The last version removed: the node is bypassed and the stream DEGRADED, never stopped.
            int beforeRemoval = seen.size();
            long removed = System.nanoTime();
            Files.delete(firstJar);
            Await.until("the stream reports DEGRADED", WAIT_MILLIS,
                    () -> stream.status().state() == StreamState.DEGRADED);
            long degradedMillis = (System.nanoTime() - removed) / 1_000_000;
            assertEquals(StageMode.BYPASSED, faces(stream).mode());
            assertTrue(stream.status().reason(), stream.status().reason().contains(NAME));
            Await.until("frames bypass the stage", WAIT_MILLIS,
                    () -> seen.size() > beforeRemoval + 15 && !seen.get(seen.size() - 1).detected());

            // 5. Back: ONLINE again, frames go through the model.
            Files.copy(shipped, firstJar);
            Await.until("ONLINE again", WAIT_MILLIS, () -> stream.status().state() == StreamState.ONLINE
                    && seen.get(seen.size() - 1).detected());
            assertTrue(faces(stream).provider().endsWith(NAME + " " + first + ")"));
            long bypassedWhileGone = List.copyOf(seen).stream().filter(s -> !s.detected()).count();

            // 6. A newer version moved over the only deployed file: FileInstall updates that bundle in place, so
            // the model is briefly gone (the old revision's service leaves before the new one's comes): a few
            // frames may bypass, then the new version runs.
            int beforeUpdate = seen.size();
            copyAtomically(version(shipped, second, UnaryOperator.identity()), firstJar);
            Await.until("the in-place update brings the new version", WAIT_MILLIS,
                    () -> String.valueOf(faces(stream).provider()).endsWith(NAME + " " + second + ")")
                            && stream.status().state() == StreamState.ONLINE);
            int afterUpdate = seen.size();
            Await.until("15 frames after the update", WAIT_MILLIS, () -> seen.size() >= afterUpdate + 15);
            List<Seen> all = List.copyOf(seen);
            long bypassedAtUpdate = all.subList(beforeUpdate, all.size()).stream().filter(s -> !s.detected()).count();
            assertTrue("frames after the update go through the model", all.getLast().detected());
            assertEquals("no frame lost in the whole run", 0, lost(all));
            assertTrue("the stream ran throughout", pipelines.stream("model-swap").isPresent());
            System.out.printf("model swap under a 30 fps stream: %d frames, %d lost; new version beside the old in "
                    + "service %d ms after its file was dropped, 0 frames bypassed at that swap; DEGRADED %d ms after "
                    + "the last version's file was deleted, %d frames bypassed while it was gone; in-place update of "
                    + "the only model bundle: %d frames bypassed%n", all.size(), lost(all), swapMillis,
                    degradedMillis, bypassedWhileGone, bypassedAtUpdate);
        } finally {
            listener.unregister();
        }
    }

    /** test-source (30 fps) → detect-faces → collect, with blocking queues: only a swap could lose a frame. */
    private static PipelineDefinition pipeline() {
        return new PipelineDefinition("model-swap", "ModelSwapIT", "1", List.of(
                new NodeDefinition("source", "test-source", Map.of("width", 160, "height", 120, "fps", 30.0)),
                new NodeDefinition("faces", "detect-faces", Map.of("model", NAME)),
                new NodeDefinition("sink", "collect", Map.of())),
                List.of(new EdgeDefinition("source", "faces", null), new EdgeDefinition("faces", "sink", null)),
                QueuePolicy.BLOCK, null);
    }

    private static StageStatus faces(StreamHandle stream) {
        return stream.status().stages().stream().filter(s -> s.node().equals("faces")).findFirst().orElseThrow();
    }

    private int models() {
        try {
            var references = context.getServiceReferences(Model.class, "(" + Model.NAME_PROPERTY + "=" + NAME + ")");
            return references.size();
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The shipped model bundle as another version: the descriptor's version, the bundle version and the capability's
     * version changed, and the model file passed through {@code onnx}.
     */
    private static Path version(Path shipped, String version, UnaryOperator<byte[]> onnx) throws IOException {
        Manifest manifest;
        String file;
        try (JarFile jar = new JarFile(shipped.toFile())) {
            manifest = jar.getManifest();
            Properties descriptor = new Properties();
            descriptor.load(jar.getInputStream(jar.getEntry(DESCRIPTOR)));
            file = "model/" + descriptor.getProperty("file");
        }
        String old = manifest.getMainAttributes().getValue("Bundle-Version");
        Path out = NodeBundles.workDir("model").resolve("model-" + version + ".jar");
        Bundles.rewrite(shipped, out, Map.of("Bundle-Version", version,
                "Provide-Capability", manifest.getMainAttributes().getValue("Provide-Capability")
                        .replace("\"" + old + "\"", "\"" + version + "\"")),
                Map.of(DESCRIPTOR, bytes -> new String(bytes, StandardCharsets.ISO_8859_1)
                                .replace("\nversion=" + old + "\n", "\nversion=" + version + "\n")
                                .getBytes(StandardCharsets.ISO_8859_1),
                        file, onnx));
        return out;
    }

    private static String bundleVersion(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Bundle-Version");
        }
    }

    /** @return {@code version} with its minor part raised by {@code by} */
    private static String bump(String version, int by) {
        String[] parts = version.split("\\.");
        return parts[0] + "." + (Integer.parseInt(parts[1]) + by) + ".0";
    }

    /** Moves a finished file in, so FileInstall never reads half a jar. */
    private static void copyAtomically(Path from, Path to) throws IOException {
        Path temp = to.resolveSibling(to.getFileName() + ".part");
        Files.copy(from, temp);
        Files.move(temp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Frames missing between consecutive frames seen (sequence numbers are consecutive at the source). */
    private static long lost(List<Seen> seen) {
        long lost = 0;
        for (int i = 1; i < seen.size(); i++) {
            lost += Math.max(0, seen.get(i).sequence() - seen.get(i - 1).sequence() - 1);
        }
        return lost;
    }
}
