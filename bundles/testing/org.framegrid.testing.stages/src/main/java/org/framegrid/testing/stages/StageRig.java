package org.framegrid.testing.stages;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.function.Supplier;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FramePool;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.stage.model.ModelStageProvider;
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

    private final Supplier<P> create;
    private final SetUp<? super P> setUp;
    private EmbeddedEngine engine;
    private P provider;

    private StageRig(Supplier<P> create, SetUp<? super P> setUp) {
        this.create = create;
        this.setUp = setUp;
    }

    /** A frame pool only, for tests of stage parts or of several providers. */
    public static StageRig<StageProvider> poolOnly() {
        return new StageRig<>(() -> null, p -> { });
    }

    /** {@code create}'s provider, set up by {@code setUp}. */
    public static <P extends StageProvider> StageRig<P> of(Supplier<P> create, SetUp<? super P> setUp) {
        return new StageRig<>(create, setUp);
    }

    /** A model stage's provider with the models {@code models} adds, on the CPU backend (ONNX Runtime). */
    public static <P extends ModelStageProvider> StageRig<P> onCpu(Supplier<P> create, SetUp<? super P> models) {
        return new StageRig<>(create, p -> {
            models.accept(p);
            p.setBackend(Providers.cpuBackend());
        });
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        engine = new EmbeddedEngine(60_000, false);
        provider = create.get();
        if (provider != null) {
            setUp.accept(provider);
        }
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
        if (provider == null) {
            throw new IllegalStateException("this rig has no provider (StageRig.poolOnly())");
        }
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

    /** A frame of {@code image}'s size and content ({@link Fixtures#frame(FramePool, PixelFormat, BufferedImage)}). */
    public Frame frame(PixelFormat format, BufferedImage image) {
        return Fixtures.frame(pool(), format, image);
    }

    /** A frame of {@code width x height} with {@code image} drawn at {@code (x, y)} scaled to {@code w x h}. */
    public Frame frame(PixelFormat format, int width, int height, BufferedImage image, int x, int y, int w, int h) {
        return Fixtures.frame(pool(), format, width, height, image, x, y, w, h);
    }
}
