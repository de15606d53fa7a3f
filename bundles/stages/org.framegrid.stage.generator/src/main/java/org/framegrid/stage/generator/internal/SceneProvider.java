package org.framegrid.stage.generator.internal;

import java.util.List;
import java.util.Set;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.osgi.service.component.annotations.Component;

/**
 * {@code scene}: a source without input video, driven by app events: a tiled world seen through a camera that the
 * player moves. The shape of an interactive world model (events in, the next frame out) with deterministic pixels,
 * so the mechanics are testable without a model. Each frame carries its frame code with the last event applied.
 *
 * <p>Events (JSON over the stream's control channel): {@code {"id": N, "dx": DX, "dy": DY}} moves the camera by that
 * many world pixels, {@code {"id": N, "x": X, "y": Y}} puts it there; {@code id} (a whole number) is what the frame
 * code reports, the count of events so far when it is missing.
 */
@Component(name = "org.framegrid.stage.generator.scene", service = StageProvider.class)
@StageType(type = "scene", classification = "Source/Video/Generator")
public final class SceneProvider implements StageProvider {
    private static final StageDescriptor DESCRIPTOR = new StageDescriptor("scene", "Source/Video/Generator",
            "A tiled world seen through a camera that app events move (dx/dy or x/y): an interactive source whose "
                    + "next frame reflects the last event, each frame carrying its frame code.",
            Set.of(), OutputRule.PROPERTY, FrameStage.PICTURES, "format", List.of(
            new PropertyDescriptor("width", PropertyType.INTEGER, 640L, false, 128, 7680, "Frame width in pixels."),
            new PropertyDescriptor("height", PropertyType.INTEGER, 360L, false, 72, 4320, "Frame height in pixels."),
            new PropertyDescriptor("fps", PropertyType.DOUBLE, 30.0, true, 0.1, 240, "Frames per second."),
            new PropertyDescriptor("format", "RGB24", false, FrameStage.PICTURES.stream().map(PixelFormat::name)
                    .sorted().toList(), "Pixel format of the frames."),
            new PropertyDescriptor("drift", PropertyType.DOUBLE, 60.0, true, -10_000, 10_000,
                    "World pixels per second the camera drifts to the right by itself, so the picture moves between "
                            + "events."),
            new PropertyDescriptor("frames", PropertyType.INTEGER, 0L, false, 0, Integer.MAX_VALUE,
                    "Frames to make before the stream ends; 0 never ends (live).")));

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Stage create() {
        return new Scene();
    }
}
