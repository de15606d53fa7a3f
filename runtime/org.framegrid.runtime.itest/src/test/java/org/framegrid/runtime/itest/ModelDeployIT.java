package org.framegrid.runtime.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.GraphOptimization;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.inference.api.InferenceOptions;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.Model;
import org.framegrid.inference.api.Tensor;
import org.framegrid.testing.Await;
import org.junit.Test;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * A real model bundle (BlazeFace, fetched and packed by the build) dropped into a running node's deploy folder is
 * offered as a {@link Model} service at once, runs on the ONNX Runtime CPU back-end, and goes away with its file.
 */
public class ModelDeployIT extends NodeTest {

    private static final String NAME = "blazeface-front";

    @Inject
    private InferenceBackend backend;

    @Test
    public void modelBundleDroppedIntoDeployRunsAndLeavesWithItsFile() throws Exception {
        Path deployed = Path.of(context.getProperty("felix.fileinstall.dir")).resolve("model-" + NAME + ".jar");
        Files.copy(NodeBundles.nodeDir().resolve("models/model-" + NAME + ".jar"), deployed);
        Await.until("the model service appears", WAIT_MILLIS, () -> models().size() == 1);

        ServiceReference<Model> reference = models().iterator().next();
        Model model = context.getService(reference);
        try {
            assertEquals(NAME, model.descriptor().name());
            ByteBuffer bytes;
            try (InputStream in = model.open()) {
                byte[] onnx = in.readAllBytes();
                assertEquals(model.size(), onnx.length);
                bytes = ByteBuffer.allocateDirect(onnx.length).put(onnx).flip();
            }
            try (LoadedModel loaded = backend.load(bytes, model.descriptor(),
                    new InferenceOptions(1, 1, GraphOptimization.ALL, false, false))) {
                Tensor image = Tensor.allocate(ElementType.FLOAT32, 1, 128, 128, 3); // a blank frame: no face
                Map<String, Tensor> out = loaded.run(Map.of("input:0", image),
                        List.of("Identity:0", "Identity_1:0", "Identity_2:0", "Identity_3:0"));
                assertArrayEquals(new long[] {1, 512, 1}, out.get("Identity:0").shape());
                assertArrayEquals(new long[] {1, 384, 16}, out.get("Identity_3:0").shape());
                float best = Float.NEGATIVE_INFINITY;
                var scores = out.get("Identity:0").floats();
                while (scores.hasRemaining()) {
                    best = Math.max(best, scores.get());
                }
                assertTrue("no face in a blank frame (logit " + best + ")", best < 0);
            }
        } finally {
            context.ungetService(reference);
        }

        Files.delete(deployed);
        Await.until("the model service goes with its file", WAIT_MILLIS, () -> models().isEmpty());
    }

    private Collection<ServiceReference<Model>> models() {
        try {
            return context.getServiceReferences(Model.class, "(" + Model.NAME_PROPERTY + "=" + NAME + ")");
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
