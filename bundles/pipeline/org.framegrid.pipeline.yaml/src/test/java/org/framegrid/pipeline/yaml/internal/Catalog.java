package org.framegrid.pipeline.yaml.internal;

import java.util.List;
import java.util.Set;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.PlainStage;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;

/** The engine's real catalog with four small stage types, for checking whole files. */
final class Catalog {

    private Catalog() {
    }

    static EmbeddedEngine engine() {
        EmbeddedEngine engine = new EmbeddedEngine(60_000, false);
        engine.addProvider(provider(new StageDescriptor("src", "Source/Video", "source", Set.of(), OutputRule.FIXED,
                Set.of(PixelFormat.RGB24), null, List.of())), 0, 1, "test");
        engine.addProvider(provider(new StageDescriptor("gray", "Filter/Video", "to gray", Set.of(PixelFormat.RGB24),
                OutputRule.FIXED, Set.of(PixelFormat.GRAY8), null, List.of())), 0, 2, "test");
        engine.addProvider(provider(new StageDescriptor("scale", "Filter/Video", "scale",
                Set.of(PixelFormat.RGB24, PixelFormat.GRAY8), OutputRule.SAME_AS_INPUT, Set.of(), null, List.of(
                        new PropertyDescriptor("width", PropertyType.INTEGER, 320L, true, 16, 7680, "width"),
                        new PropertyDescriptor("mode", "fast", false, List.of("fast", "smooth"), "mode"),
                        new PropertyDescriptor("dither", PropertyType.BOOLEAN, false, false, "dither")))), 0, 3, "test");
        engine.addProvider(provider(new StageDescriptor("sink", "Sink/Video", "sink", Set.of(PixelFormat.RGB24),
                OutputRule.NONE, Set.of(), null, List.of())), 0, 4, "test");
        return engine;
    }

    private static StageProvider provider(StageDescriptor descriptor) {
        return new Passing(descriptor);
    }

    /** A stage type that passes every frame on. */
    private record Passing(StageDescriptor descriptor) implements StageProvider {
        @Override
        public Stage create() {
            return new PlainStage() {
                @Override
                public Frame process(Frame input) {
                    return input;
                }
            };
        }
    }
}
