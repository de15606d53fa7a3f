package org.framegrid.stage.util.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.MetaKey;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.osgi.service.component.annotations.Component;

/**
 * {@code test-source}: a synthetic moving pattern (scrolling gradient and a sweeping white square) at a given size,
 * format and frame rate. It paces itself on the engine's frame thread (blocking until the next frame is due) and
 * stamps each frame with its pts (frame number / fps) and its frame number under {@link #FRAME_NUMBER}.
 */
@Component(name = "org.framegrid.stage.util.test-source")
@StageType(type = "test-source", classification = "Source/Video/Test")
public final class TestSourceStage implements StageProvider {
    /** The frame number a test source gives each frame; readers create an equal key from the same name. */
    public static final MetaKey<Long> FRAME_NUMBER = new MetaKey<>("framegrid.test-source.frame", Long.class);

    private static final StageDescriptor DESCRIPTOR = new StageDescriptor("test-source", "Source/Video/Test",
            "A synthetic moving pattern at a given size, format and frame rate.", Set.of(), OutputRule.PROPERTY,
            PassthroughStage.ANY, "format", List.of(
            new PropertyDescriptor("width", PropertyType.INTEGER, 640L, false, 16, 7680, "Frame width in pixels."),
            new PropertyDescriptor("height", PropertyType.INTEGER, 360L, false, 16, 4320, "Frame height in pixels."),
            new PropertyDescriptor("fps", PropertyType.DOUBLE, 30.0, true, 0.1, 1000, "Frames per second."),
            new PropertyDescriptor("format", "RGB24", false, Arrays.stream(PixelFormat.values()).map(Enum::name)
                    .toList(), "Pixel format of the frames."),
            new PropertyDescriptor("frames", PropertyType.INTEGER, 0L, false, 0, Integer.MAX_VALUE,
                    "Frames to make before the stream ends; 0 never ends (live)."),
            new PropertyDescriptor("realtime", PropertyType.BOOLEAN, true, false,
                    "Pace the frames at fps; false makes them as fast as the pipeline takes them (file jobs).")));

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Stage create() {
        return new SimpleStage() {
            private long intervalNanos;
            private long next;
            private long number;
            private byte[] row = new byte[0];

            @Override
            protected void apply(StageProperties p) {
                intervalNanos = (long) (1e9 / p.getDouble("fps"));
            }

            @Override
            public Frame process(Frame input) throws InterruptedException {
                StageProperties p = properties;
                long frames = p.getLong("frames");
                if (frames > 0 && number >= frames) {
                    context.endOfStream();
                    return null;
                }
                if (p.getBoolean("realtime")) {
                    long now = System.nanoTime();
                    if (next == 0) {
                        next = now;
                    }
                    if (next > now) {
                        Thread.sleep(Duration.ofNanos(next - now));
                    }
                    // After a stall, restart the clock rather than emit a burst of late frames.
                    next = Math.max(next + intervalNanos, System.nanoTime() - intervalNanos);
                }
                Frame f = context.pool().acquire(context.outputFormat(), p.getInt("width"), p.getInt("height"));
                draw(f, number);
                f.pts(number * intervalNanos);
                f.meta(FRAME_NUMBER, number++);
                return f;
            }

            private void draw(Frame f, long n) {
                int w = f.width();
                int h = f.height();
                int box = Math.max(4, w / 8);
                int bx = (int) (n * 4 % Math.max(1, w - box));
                int by = (h - box) / 2;
                if (row.length < w * 3) {
                    row = new byte[w * 3];
                }
                for (int y = 0; y < h; y++) {
                    boolean boxRow = y >= by && y < by + box;
                    for (int x = 0; x < w; x++) {
                        boolean white = boxRow && x >= bx && x < bx + box;
                        row[x * 3] = (byte) (white ? 255 : (x + n * 2) & 0xFF);
                        row[x * 3 + 1] = (byte) (white ? 255 : (y + n) & 0xFF);
                        row[x * 3 + 2] = (byte) (white ? 255 : 128);
                    }
                    if (f.format() == PixelFormat.RGB24) {
                        f.data().put(f.offset(0) + y * f.stride(0), row, 0, w * 3);
                    } else {
                        for (int x = 0; x < w; x++) {
                            Pixels.write(f, x, y, Pixels.rgb(row[x * 3] & 0xFF, row[x * 3 + 1] & 0xFF,
                                    row[x * 3 + 2] & 0xFF));
                        }
                    }
                }
            }
        };
    }
}
