package org.framegrid.testing.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.FramePool;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.stage.model.ModelStageProvider;
import org.framegrid.stage.vision.RegionTracker;
import org.framegrid.testing.Fixtures;
import org.framegrid.testing.Providers;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a stage test class runs its stages with, outside any pipeline: an embedded engine's frame pool, open for the
 * test class, and the provider under test, set up once before the class's tests. Register it in a static field with
 * {@code @RegisterExtension}; it closes the engine after the class.
 *
 * @param <P> the provider's type
 */
public final class StageRig<P extends StageProvider> implements BeforeAllCallback, AfterAllCallback {

    /** Sets up the provider under test, e.g. adds its models (reading a model bundle may throw). */
    @FunctionalInterface
    public interface SetUp<P> {
        void accept(P provider) throws Exception;
    }

    /** What a test checks on a started stage and the frame it processes. */
    @FunctionalInterface
    public interface Check {
        void accept(Stage stage, Frame frame) throws Exception;
    }

    private final Supplier<P> create;
    private final SetUp<? super P> setUp;
    private EmbeddedEngine engine;
    private P provider;

    private StageRig(Supplier<P> create, SetUp<? super P> setUp) {
        this.create = create;
        this.setUp = setUp;
    }

    /** A model stage's provider with the models {@code models} adds, on the CPU backend (ONNX Runtime). */
    public static <P extends ModelStageProvider> StageRig<P> onCpu(Supplier<P> create, SetUp<? super P> models) {
        return new StageRig<>(create, p -> cpu(p, models));
    }

    /** @return {@code provider} with the models {@code models} adds, on the CPU backend (ONNX Runtime) */
    public static <P extends ModelStageProvider> P cpu(P provider, SetUp<? super P> models) throws Exception {
        return on(Providers.cpuBackend(), provider, models);
    }

    /** @return {@code provider} with the models {@code models} adds, on {@code backend} */
    public static <P extends ModelStageProvider> P on(InferenceBackend backend, P provider, SetUp<? super P> models)
            throws Exception {
        models.accept(provider);
        provider.setBackend(backend);
        return provider;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        engine = new EmbeddedEngine(60_000, false);
        provider = create.get();
        setUp.accept(provider);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        engine.close();
    }

    /** @return the engine's frame pool */
    public FramePool pool() {
        return engine.pool();
    }

    /** @return the provider under test */
    public P provider() {
        return provider;
    }

    /** A started instance of the provider under test, its defaults overridden by {@code values}. */
    public Stage start(PixelFormat format, Map<String, Object> values) throws Exception {
        return Fixtures.start(provider(), pool(), format, values);
    }

    /** As {@link #start(PixelFormat, Map)}, for a stage from {@code in} to {@code out}. */
    public Stage start(PixelFormat in, PixelFormat out, Map<String, Object> values) throws Exception {
        return Fixtures.start(provider(), pool(), in, out, values);
    }

    /**
     * Starts an instance of the provider under test for {@code frame}'s format with {@code values}, runs {@code check}
     * on it and {@code frame}, then releases the frame and stops the stage, whatever the check threw.
     */
    public void check(Frame frame, Map<String, Object> values, Check check) throws Exception {
        Stage stage;
        try {
            stage = start(frame.format(), values);
        } catch (Exception | Error e) {
            frame.release();
            throw e;
        }
        try {
            check.accept(stage, frame);
        } finally {
            frame.release();
            stage.stop();
        }
    }

    /** A frame of {@code image}'s size and content ({@link Fixtures#frame(FramePool, PixelFormat, BufferedImage)}). */
    public Frame frame(PixelFormat format, BufferedImage image) {
        return Fixtures.frame(pool(), format, image);
    }

    /** A frame of {@code width x height} with {@code image} drawn at {@code (x, y)} scaled to {@code w x h}. */
    public Frame frame(PixelFormat format, int width, int height, BufferedImage image, int x, int y, int w, int h) {
        return Fixtures.frame(pool(), format, width, height, image, x, y, w, h);
    }

    /**
     * Starts an RGB24 instance of {@code provider} with {@code values}, which must fail with an
     * {@link IllegalArgumentException} (a model stage refusing a model it cannot run).
     *
     * @return its message
     */
    public String refusedAtStart(StageProvider provider, Map<String, ?> values) {
        return assertThrows(IllegalArgumentException.class,
                () -> Fixtures.start(provider, pool(), PixelFormat.RGB24, new HashMap<>(values))).getMessage();
    }

    /**
     * Asserts that a model stage refuses at start a model of its task that lacks an output it reads: starting
     * {@code provider} with {@code property} naming {@code model} throws an {@link IllegalArgumentException} whose
     * message starts "{@code <stage type>: model <model> from }" and says the model "{@code declares no '<output>'
     * output}".
     */
    public void assertRefusesModelWithout(StageProvider provider, String property, String model, String output) {
        String message = refusedAtStart(provider, Map.of(property, model));
        assertTrue(message.startsWith(provider.descriptor().type() + ": model " + model + " from ")
                && message.contains("declares no '" + output + "' output"), message);
    }

    /**
     * Asserts that a model stage refuses at start a model name it has no model of: starting {@code provider} with
     * {@code property} naming "nope" throws an {@link IllegalStateException}.
     *
     * @return its message
     */
    public String refusedMissingModel(StageProvider provider, String property) {
        return assertThrows(IllegalStateException.class,
                () -> Fixtures.start(provider, pool(), PixelFormat.RGB24, Map.of(property, "nope"))).getMessage();
    }

    /**
     * Asserts that the tracking landmark stage under test ({@link RegionTracker}: pose, face mesh, hands) finds nothing
     * on a page of text (page.png), three frames running: no lines, no detections, and, with nothing to track, its
     * detector runs on every frame.
     *
     * @param object what it finds ("face"), for the messages
     */
    public void assertFindsNothingOnAPageOfText(String object) throws Exception {
        check(frame(PixelFormat.RGB24, Fixtures.image("page.png")), Map.of(), (stage, frame) -> {
            for (int i = 0; i < 3; i++) {
                stage.process(frame);
                assertNull(frame.meta(FrameMeta.LINES), "no " + object + " lines on a page of text");
                assertTrue(frame.meta(FrameMeta.DETECTIONS).items().isEmpty(), "no " + object);
            }
            assertEquals(3, ((RegionTracker) stage).detectorRuns(),
                    "no " + object + " to track: the detector runs every frame");
        });
    }
}
