package org.framegrid.stage.util.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.framegrid.api.frame.MetaKey;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.osgi.service.component.annotations.Component;

/**
 * {@code test-source}: a synthetic moving pattern (scrolling gradient and a sweeping white square), or a slideshow of
 * real pictures slowly zoomed and panned ({@code pictures}), at a given size, format and frame rate. It paces itself on
 * the engine's frame thread (blocking until the next frame is due) and stamps each frame with its pts (frame number / fps) and its frame number under {@link #FRAME_NUMBER}.
 */
@Component(name = "org.framegrid.stage.util.test-source", service = StageProvider.class)
@StageType(type = "test-source", classification = "Source/Video/Test")
public final class TestSourceProvider extends UtilityProvider {
    /** The frame number a test source gives each frame; readers create an equal key from the same name. */
    public static final MetaKey<Long> FRAME_NUMBER = new MetaKey<>("framegrid.test-source.frame", Long.class);

    public TestSourceProvider() {
        super("A synthetic moving pattern, or real pictures zoomed and panned, at a given size, format and frame rate.",
                Set.of(), OutputRule.PROPERTY, ANY, "format", List.of(
                new PropertyDescriptor("width", PropertyType.INTEGER, 640L, false, 16, 7680, "Frame width in pixels."),
                new PropertyDescriptor("height", PropertyType.INTEGER, 360L, false, 16, 4320,
                        "Frame height in pixels."),
                new PropertyDescriptor("fps", PropertyType.DOUBLE, 30.0, true, 0.1, 1000, "Frames per second."),
                new PropertyDescriptor("format", "RGB24", false, Arrays.stream(PixelFormat.values()).map(Enum::name)
                        .toList(), "Pixel format of the frames."),
                new PropertyDescriptor("frames", PropertyType.INTEGER, 0L, false, 0, Integer.MAX_VALUE,
                        "Frames to make before the stream ends; 0 never ends (live)."),
                new PropertyDescriptor("realtime", PropertyType.BOOLEAN, true, false,
                        "Pace the frames at fps; false makes them as fast as the pipeline takes them (file jobs)."),
                new PropertyDescriptor("pictures", PropertyType.STRING, "", false,
                        "Comma-separated image files (PNG, JPEG) shown in turn instead of the pattern, each for 6 s, "
                                + "slowly zoomed and panned: real content (people, faces, hands) for the models.")));
    }

    @Override
    public Stage create() {
        return new PatternSource();
    }
}
