package org.framegrid.inference.onnx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.InferenceException;
import org.framegrid.inference.api.InferenceOptions;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad models are refused at load with a clear message, and closing a model under running frames never crashes. */
class OnnxFailuresTest {

    private static OnnxBackend backend;
    private static Fixtures.BundledModel blazeface;

    @BeforeAll
    static void start() throws Exception {
        backend = new OnnxBackend();
        blazeface = Fixtures.model("blazeface-front");
    }

    @AfterAll
    static void stop() {
        backend.deactivate();
    }

    private static ModelDescriptor withInput(ImageInput input) {
        ModelDescriptor d = blazeface.descriptor();
        return new ModelDescriptor(d.name(), d.version(), d.task(), input, d.outputs(), d.license(), d.properties());
    }

    @Test
    void aTruncatedModelIsRefusedAtLoad() {
        byte[] truncated = Arrays.copyOf(blazeface.bytes(), blazeface.bytes().length / 2);
        InferenceException e = assertThrows(InferenceException.class,
                () -> backend.load(ByteBuffer.wrap(truncated), blazeface.descriptor(), InferenceOptions.DEFAULT));
        assertTrue(e.getMessage().startsWith("model blazeface-front 1.2.0 cannot be loaded by onnxruntime-cpu: "),
                e.getMessage());
    }

    @Test
    void aModelThatContradictsItsDescriptorIsRefusedAtLoad() {
        ImageInput input = blazeface.descriptor().input();
        InferenceException e = assertThrows(InferenceException.class, () -> backend.load(ByteBuffer.wrap(blazeface.bytes()),
                withInput(new ImageInput("image", input.layout(), input.size(), input.colorOrder(), input.normalization())),
                InferenceOptions.DEFAULT));
        assertEquals("model blazeface-front 1.2.0 does not match its descriptor: the descriptor's input 'image' is not"
                + " among the model's inputs [input:0 FLOAT32 [1, 128, 128, 3]]", e.getMessage());

        e = assertThrows(InferenceException.class, () -> backend.load(ByteBuffer.wrap(blazeface.bytes()),
                withInput(new ImageInput("input:0", TensorLayout.NCHW, input.size(), input.colorOrder(), input.normalization())),
                InferenceOptions.DEFAULT));
        assertEquals("model blazeface-front 1.2.0 does not match its descriptor: input 'input:0' [1, 128, 128, 3] has"
                + " 128 channels in NCHW layout, the descriptor's RGB has 3", e.getMessage());
    }

    @Test
    void aMissingFileIsRefusedAndAFileLoads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("face.onnx");
        InferenceException e = assertThrows(InferenceException.class,
                () -> backend.load(file, blazeface.descriptor(), InferenceOptions.DEFAULT));
        assertEquals("model blazeface-front: no such file " + file, e.getMessage());
        Files.write(file, blazeface.bytes());
        try (LoadedModel model = backend.load(file, blazeface.descriptor(), InferenceOptions.DEFAULT)) {
            assertEquals(4, model.outputs().size());
        }
    }

    @Test
    void closingUnderRunningFramesNeverCrashes() throws Exception {
        // Spinning off and a parallel executor: the other session settings, exercised under concurrent runs.
        LoadedModel model = backend.load(Fixtures.direct(blazeface.bytes()), blazeface.descriptor(),
                InferenceOptions.DEFAULT.withIntraOpThreads(1).withInterOpThreads(1).withSpinning(false));
        Tensor input = Fixtures.input(model.descriptor().input(), Fixtures.gradient(128, 128), 128, 128);
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> workers = List.of(threads.submit(() -> loop(model, input, ran, refused, running)),
                    threads.submit(() -> loop(model, input, ran, refused, running)));
            assertTrue(running.await(10, TimeUnit.SECONDS));
            model.close();
            for (Future<?> worker : workers) {
                worker.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertTrue(ran.get() >= 2 && refused.get() == 2, "ran " + ran + ", refused after close " + refused);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.run(Map.of("input:0", input), List.of()));
        assertEquals("model blazeface-front 1.2.0 is closed", e.getMessage());
        model.close(); // idempotent
    }

    /** Runs until the model is closed; each thread ends on its first IllegalStateException. */
    private static Void loop(LoadedModel model, Tensor input, AtomicInteger ran, AtomicInteger refused,
            CountDownLatch running) throws InferenceException {
        boolean first = true;
        while (true) {
            try {
                model.run(Map.of("input:0", input), List.of("Identity:0"));
                ran.incrementAndGet();
                if (first) {
                    running.countDown();
                    first = false;
                }
            } catch (IllegalStateException closed) {
                refused.incrementAndGet();
                return null;
            }
        }
    }
}
