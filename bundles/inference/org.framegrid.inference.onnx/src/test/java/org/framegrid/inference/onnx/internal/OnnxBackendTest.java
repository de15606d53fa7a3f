package org.framegrid.inference.onnx.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.inference.api.InferenceException;
import org.framegrid.inference.api.InferenceOptions;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.ModelSession;
import org.framegrid.inference.api.Tensor;
import org.framegrid.testing.Fixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ONNX Runtime backend on the real BlazeFace and M-LSD models, read from their model bundles. */
class OnnxBackendTest {

    private static final InferenceOptions OPTIONS = InferenceOptions.DEFAULT.withIntraOpThreads(2);

    private static OnnxBackend backend;
    private static Fixtures.BundledModel blazeface;
    private static LoadedModel face;

    @BeforeAll
    static void load() throws Exception {
        long start = System.nanoTime();
        backend = new OnnxBackend();
        long activate = (System.nanoTime() - start) / 1_000_000;
        // The native library (about 30 MB) loads on the component's own thread, not in @Activate.
        assertTrue(activate < 200, "activation took " + activate + " ms");
        blazeface = Fixtures.model("blazeface-front");
        face = backend.load(Fixtures.direct(blazeface.bytes()), blazeface.descriptor(), OPTIONS);
    }

    @AfterAll
    static void close() {
        backend.deactivate();
    }

    @Test
    void describesItself() {
        assertEquals("onnxruntime-cpu", backend.name());
        assertEquals(org.framegrid.inference.api.DeviceKind.CPU, backend.deviceKind());
        assertEquals("[input:0 FLOAT32 [1, 128, 128, 3]]", face.inputs().toString());
    }

    @Test
    void blazeFaceOutputsHaveTheDocumentedShapesAndFindNoFaceInAGradient() throws Exception {
        ModelDescriptor d = face.descriptor();
        Map<String, Tensor> out = face.run(Map.of("input:0", Fixtures.input(d.input(), Fixtures.gradient(200, 150), 128, 128)),
                List.of());
        assertEquals(List.of("Identity:0", "Identity_1:0", "Identity_2:0", "Identity_3:0"), List.copyOf(out.keySet()));
        assertArrayEquals(new long[] {1, 512, 1}, out.get("Identity:0").shape());
        assertArrayEquals(new long[] {1, 384, 1}, out.get("Identity_1:0").shape());
        assertArrayEquals(new long[] {1, 512, 16}, out.get("Identity_2:0").shape());
        assertArrayEquals(new long[] {1, 384, 16}, out.get("Identity_3:0").shape());
        assertTrue(out.values().stream().allMatch(t -> t.data().isDirect()));
        float best = Math.max(maxScore(out.get("Identity:0")), maxScore(out.get("Identity_1:0")));
        assertTrue(best < 0.5f, "a colour gradient has no face, best score " + best);
    }

    @Test
    void blazeFaceFindsTheAstronautsFace() throws Exception {
        Path image = Path.of(System.getProperty("framegrid.test.astronaut", "astronaut.png"));
        Fixture.require(Files.isRegularFile(image), "the real test image " + image + " is absent (it comes from the "
                + "Debian package python3-skimage, fetched by org.framegrid.models' build where apt works)");
        BufferedImage astronaut = ImageIO.read(image.toFile());
        Map<String, Tensor> out = face.run(Map.of("input:0", Fixtures.input(face.descriptor().input(), astronaut, 128, 128)),
                List.of());
        // Decode the best anchor (anchors 16x16x2 then 8x8x6, centres at (i + 0.5) / cells): the stage will do this fully.
        float[] scores = concat(out.get("Identity:0"), out.get("Identity_1:0"));
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            best = scores[i] > scores[best] ? i : best;
        }
        float score = Fixtures.sigmoid(scores[best]);
        int cells = best < 512 ? 16 : 8;
        int cell = best < 512 ? best / 2 : (best - 512) / 6;
        FloatBuffer box = (best < 512 ? out.get("Identity_2:0") : out.get("Identity_3:0")).floats();
        int row = (best < 512 ? best : best - 512) * 16;
        float scale = astronaut.getWidth() / 128f;
        float cx = ((cell % cells + 0.5f) / cells * 128 + box.get(row)) * scale;
        float cy = ((cell / cells + 0.5f) / cells * 128 + box.get(row + 1)) * scale;
        float w = box.get(row + 2) * scale;
        // Her face spans about x 175..275, y 75..185 in the 512x512 picture.
        assertTrue(score > 0.8f, "score " + score);
        assertTrue(Math.abs(cx - 225) < 30 && Math.abs(cy - 130) < 35, "face centre " + cx + "," + cy);
        assertTrue(w > 70 && w < 160, "face width " + w);
    }

    @Test
    void runIntoCallerBuffersGivesTheSameResultWithoutAllocating() throws Exception {
        Tensor input = Fixtures.input(face.descriptor().input(), Fixtures.gradient(128, 128), 128, 128);
        Map<String, Tensor> expected = face.run(Map.of("input:0", input), List.of("Identity:0"));
        Tensor scores = Tensor.allocate(org.framegrid.inference.api.ElementType.FLOAT32, 1, 512, 1);
        face.runInto(Map.of("input:0", input), Map.of("Identity:0", scores));
        assertEquals(expected.get("Identity:0").data(), scores.data());

        InferenceException e = assertThrows(InferenceException.class, () -> face.runInto(Map.of("input:0", input),
                Map.of("Identity:0", Tensor.allocate(org.framegrid.inference.api.ElementType.FLOAT32, 1, 384, 1))));
        assertEquals("model blazeface-front: 'Identity:0' is FLOAT32 [1, 512, 1], the tensor given is Tensor[FLOAT32 [1, 384, 1]]",
                e.getMessage());
        e = assertThrows(InferenceException.class, () -> face.run(Map.of("input:0",
                Tensor.allocate(org.framegrid.inference.api.ElementType.FLOAT32, 1, 3, 128, 128)), List.of()));
        assertTrue(e.getMessage().contains("'input:0' is FLOAT32 [1, 128, 128, 3], the tensor given is"), e.getMessage());
        e = assertThrows(InferenceException.class, () -> face.run(Map.of(), List.of()));
        assertTrue(e.getMessage().startsWith("model blazeface-front: no tensor for input 'input:0'"), e.getMessage());
    }

    @Test
    void reportsTheModelsItHoldsLoadedAndTheirRuns() throws Exception {
        Fixtures.BundledModel mlsd = Fixtures.model("mlsd-tiny-320");
        assertEquals(List.of(), sessionsOf("mlsd-tiny-320"), "not loaded yet");
        LoadedModel lines = backend.load(Fixtures.direct(mlsd.bytes()), mlsd.descriptor(), OPTIONS);
        try {
            List<ModelSession> loaded = sessionsOf("mlsd-tiny-320");
            assertEquals(List.of(new ModelSession("mlsd-tiny-320", mlsd.descriptor().version(), 1)), loaded,
                    "loaded and warmed up by one run");
            assertTrue(loaded.get(0).warm());
            lines.run(Map.of("input_image_with_alpha:0", Fixtures.input(mlsd.descriptor().input(),
                    Fixtures.gradient(320, 320), 320, 320)), List.of());
            assertEquals(2, sessionsOf("mlsd-tiny-320").get(0).runs());
        } finally {
            lines.close();
        }
        assertEquals(List.of(), sessionsOf("mlsd-tiny-320"), "closed: no longer held");
        LoadedModel cold = backend.load(Fixtures.direct(mlsd.bytes()), mlsd.descriptor(), OPTIONS.withWarmUp(false));
        try {
            assertEquals(false, sessionsOf("mlsd-tiny-320").get(0).warm(), "loaded without a run: not warm yet");
        } finally {
            cold.close();
        }
    }

    private static List<ModelSession> sessionsOf(String name) {
        return backend.sessions().stream().filter(s -> s.name().equals(name)).toList();
    }

    @Test
    void mlsdTinyFindsTheEdgesOfADrawnRectangle() throws Exception {
        Fixtures.BundledModel mlsd = Fixtures.model("mlsd-tiny-320");
        try (LoadedModel lines = backend.load(Fixtures.direct(mlsd.bytes()), mlsd.descriptor(), OPTIONS)) {
            BufferedImage picture = new BufferedImage(320, 320, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = picture.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(80, 100, 160, 120);
            g.dispose();
            Map<String, Tensor> out = lines.run(Map.of("input_image_with_alpha:0",
                    Fixtures.input(mlsd.descriptor().input(), picture, 320, 320)), List.of());
            assertArrayEquals(new long[] {1, 160, 160, 1}, out.get("scores").shape());
            assertArrayEquals(new long[] {1, 160, 160, 4}, out.get("offsets").shape());
            FloatBuffer scores = out.get("scores").floats();
            int onEdges = 0;
            int elsewhere = 0;
            for (int i = 0; i < scores.capacity(); i++) {
                if (scores.get(i) > 0.1f) {
                    int x = (i % 160) * 2;
                    int y = (i / 160) * 2;
                    // A segment centre of the rectangle lies on one of its sides.
                    boolean onSide = (Math.abs(x - 80) < 8 || Math.abs(x - 240) < 8) && y > 92 && y < 228
                            || (Math.abs(y - 100) < 8 || Math.abs(y - 220) < 8) && x > 72 && x < 248;
                    onEdges += onSide ? 1 : 0;
                    elsewhere += onSide ? 0 : 1;
                }
            }
            assertTrue(onEdges >= 2 && elsewhere <= onEdges, "segment centres on the sides " + onEdges + ", elsewhere " + elsewhere);
        }
    }

    @Test
    void latencyOnThisCpu() throws Exception {
        Tensor input = Fixtures.input(face.descriptor().input(), Fixtures.gradient(128, 128), 128, 128);
        Map<String, Tensor> outputs = new java.util.HashMap<>();
        face.outputs().forEach(o -> outputs.put(o.name(), Tensor.allocate(o.type(), o.shape())));
        double blaze = median(200, () -> face.runInto(Map.of("input:0", input), outputs));
        Fixtures.BundledModel mlsd = Fixtures.model("mlsd-tiny-320");
        double lines;
        try (LoadedModel model = backend.load(Fixtures.direct(mlsd.bytes()), mlsd.descriptor(), OPTIONS)) {
            Tensor picture = Fixtures.input(mlsd.descriptor().input(), Fixtures.gradient(320, 320), 320, 320);
            lines = median(15, () -> model.run(Map.of("input_image_with_alpha:0", picture), List.of()));
        }
        System.out.printf("[latency] BlazeFace front 128x128: %.2f ms median; M-LSD tiny 320x320: %.1f ms median"
                + " (2 intra-op threads, %d cores)%n", blaze, lines, Runtime.getRuntime().availableProcessors());
        // Generous bounds (models.md measured 1.4 ms and 44 ms on 2 cores): they catch a per-run session or copy bug.
        assertTrue(blaze < 25, "BlazeFace median " + blaze + " ms");
        assertTrue(lines < 400, "M-LSD median " + lines + " ms");
    }

    private interface Run {
        void run() throws Exception;
    }

    private static double median(int runs, Run run) throws Exception {
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            run.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis[runs / 2];
    }

    private static float maxScore(Tensor logits) {
        FloatBuffer data = logits.floats();
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < data.capacity(); i++) {
            assertTrue(Float.isFinite(data.get(i)));
            max = Math.max(max, Fixtures.sigmoid(data.get(i)));
        }
        return max;
    }

    private static float[] concat(Tensor a, Tensor b) {
        float[] all = new float[a.floats().capacity() + b.floats().capacity()];
        a.floats().get(all, 0, a.floats().capacity());
        b.floats().get(all, a.floats().capacity(), b.floats().capacity());
        return all;
    }

    static InferenceBackend backend() {
        return backend;
    }
}
