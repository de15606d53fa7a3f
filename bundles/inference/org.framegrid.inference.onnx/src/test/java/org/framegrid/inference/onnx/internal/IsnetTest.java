package org.framegrid.inference.onnx.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.framegrid.inference.api.InferenceOptions;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.Tensor;
import org.framegrid.testing.Fixture;
import org.junit.jupiter.api.Test;

/**
 * ISNet as joined from its 11 chunks by org.framegrid.models, and its size-flexible rewrite: each loads and
 * separates the astronaut from the wall. Only with the ISNet bundles (default build; -Dframegrid.models.isnet=false leaves it, and this test, out).
 */
class IsnetTest {

    @Test
    void theJoinedModelMatsThePersonAndNotTheWall() throws Exception {
        matte("isnet-small", 1024, 2);
    }

    @Test
    void theSizeFlexibleRewriteMatsTheSameAt320() throws Exception {
        matte("isnet-small-dyn", 320, 2);
    }

    /** Runs {@code name} on the astronaut at {@code size}x{@code size} and probes her face and the wall. */
    private static void matte(String name, int size, int threads) throws Exception {
        Fixture.require(Fixtures.class.getClassLoader().getResource("model/" + name + ".onnx") != null,
                "the " + name + " model bundle is not built (org.framegrid.models builds it unless "
                + "-Dframegrid.models.isnet=false)");
        Path image = Path.of(System.getProperty("framegrid.test.astronaut", "astronaut.png"));
        Fixture.require(Files.isRegularFile(image), "the real test image " + image + " is absent (it comes from the "
                + "Debian package python3-skimage, fetched by org.framegrid.models' build where apt works)");
        Fixtures.BundledModel isnet = Fixtures.model(name);
        OnnxBackend backend = new OnnxBackend();
        try (LoadedModel model = backend.load(Fixtures.direct(isnet.bytes()), isnet.descriptor(),
                InferenceOptions.DEFAULT.withIntraOpThreads(threads).withWarmUp(false))) {
            BufferedImage astronaut = ImageIO.read(image.toFile());
            Tensor input = Fixtures.input(isnet.descriptor().input(), astronaut, size, size);
            long start = System.nanoTime();
            Map<String, Tensor> out = model.run(Map.of("input", input), List.of("output"));
            System.out.printf("[latency] %s %dx%d: %d ms (first run)%n", name, size, size,
                    (System.nanoTime() - start) / 1_000_000);
            assertArrayEquals(new long[] {1, 1, size, size}, out.get("output").shape());
            FloatBuffer alpha = out.get("output").floats();
            // Points of the 512x512 picture, scaled: her face, and the plain wall left and right of her head.
            float face = alpha.get(at(130, size) * size + at(225, size));
            float wallLeft = alpha.get(at(30, size) * size + at(125, size));
            float wallRight = alpha.get(at(50, size) * size + at(330, size));
            assertTrue(face > 0.8f && wallLeft < 0.2f && wallRight < 0.2f,
                    name + " alpha: face " + face + ", wall " + wallLeft + " / " + wallRight);
        } finally {
            backend.deactivate();
        }
    }

    private static int at(int coordinate512, int size) {
        return coordinate512 * size / 512;
    }
}
