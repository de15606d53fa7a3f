package org.framegrid.stage.util.internal;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.FramePacer;
import org.framegrid.api.stage.StageProperties;

/**
 * One {@code test-source} instance: draws (the synthetic pattern, or the {@link Slideshow} of its {@code pictures}),
 * paces and numbers the frames of one stream.
 */
final class PatternSource extends SimpleStage {
    private long intervalNanos;
    private final FramePacer clock = new FramePacer();
    private long number;
    private byte[] row = new byte[0];
    private String pictures = "";
    private Slideshow slideshow;

    @Override
    protected void apply(StageProperties p) {
        intervalNanos = (long) (1e9 / p.getDouble("fps"));
        String files = p.getString("pictures").trim();
        if (!files.equals(pictures)) {
            slideshow = files.isEmpty() ? null : Slideshow.of(files);
            pictures = files;
        }
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
            clock.await(intervalNanos);
        }
        Frame f = context.pool().acquire(context.outputFormat(), p.getInt("width"), p.getInt("height"));
        if (slideshow != null) {
            slideshow.draw(f, number * intervalNanos / 1e9);
        } else {
            draw(f, number);
        }
        f.pts(number * intervalNanos);
        f.meta(TestSourceProvider.FRAME_NUMBER, number++);
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
                    PixelColors.write(f, x, y, PixelColors.rgb(row[x * 3] & 0xFF, row[x * 3 + 1] & 0xFF,
                            row[x * 3 + 2] & 0xFF));
                }
            }
        }
    }
}
