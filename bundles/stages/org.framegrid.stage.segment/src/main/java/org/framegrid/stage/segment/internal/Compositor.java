package org.framegrid.stage.segment.internal;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.framegrid.stage.segment.internal.SegmentProvider.Background;
import org.framegrid.stage.vision.BoxBlur;
import org.framegrid.stage.vision.FloatMap;
import org.framegrid.stage.vision.RgbImage;

/**
 * Blends a frame over a background with a soft alpha: {@code out = a * frame + (1 - a) * background}, the matte
 * upsampled bilinearly to the frame so edges (hair) stay soft. A blurred background is blurred at a reduced scale
 * (1/2 to 1/4 of the frame for radii of 10 and more, see {@link #factor}; the reduced radius spreads as far) and
 * scaled back up bilinearly, only where the background shows: a background blur keeps no detail that the reduced
 * copy lacks, and it costs a fraction of the full-size blur (live pipelines at 30 fps).
 *
 * <p>Not thread-safe: one per stage instance. Scratch images are reused while the frame size stays the same.
 */
final class Compositor {

    private volatile Background background = Background.NONE;
    private volatile int color;
    private volatile int radius;
    private BufferedImage picture;
    private final RgbImage behind = new RgbImage();
    private final BoxBlur blur = new BoxBlur();
    private final RgbImage reduced = new RgbImage();
    private final RgbImage reducedBlurred = new RgbImage();
    private float[] alpha = new float[0];
    /** The enlarged background's column sources and weights (blendEnlarged), reused while the size stays. */
    private int[] x0 = new int[0];
    private int[] x1 = new int[0];
    private int[] fx = new int[0];
    private int pictureWidth;
    private int pictureHeight;

    void configure(Background newBackground, String hexColor, int blurRadius) {
        if (!hexColor.matches("#[0-9A-Fa-f]{6}")) {
            throw new IllegalArgumentException(SegmentProvider.TYPE + ": color '" + hexColor + "' is not #RRGGBB");
        }
        if (newBackground == Background.IMAGE && picture == null) {
            throw new IllegalArgumentException(SegmentProvider.TYPE + ": background IMAGE needs the 'image' property "
                    + "(a PNG or JPEG file)");
        }
        color = Integer.parseInt(hexColor.substring(1), 16);
        radius = blurRadius;
        background = newBackground;
    }

    /** Reads the background picture once, at configure time. */
    void image(String file) throws IOException {
        picture = null;
        if (file.isEmpty()) {
            return;
        }
        File path = new File(file);
        BufferedImage read = path.isFile() ? ImageIO.read(path) : null;
        if (read == null) {
            throw new IllegalArgumentException(SegmentProvider.TYPE + ": image '" + file + "' is "
                    + (path.isFile() ? "not a PNG or JPEG image" : "not a readable file"));
        }
        picture = read;
        pictureWidth = 0;
    }

    /** @return whether {@link #composite} changes frames (false for {@code NONE}: then the frame is not even read) */
    boolean active() {
        return background != Background.NONE;
    }

    /**
     * Composites {@code image} in place over the configured background.
     *
     * @return whether the image changed (false for {@code NONE})
     */
    boolean composite(RgbImage image, FloatMap matte) {
        Background mode = background;
        if (mode == Background.NONE) {
            return false;
        }
        int w = image.width();
        int h = image.height();
        if (alpha.length < w * h) {
            alpha = new float[w * h];
        }
        matte.resample(w, h, alpha);
        if (mode != Background.IMAGE) {
            pictureWidth = 0; // the scratch image is about to hold something else
        }
        switch (mode) {
            case COLOR -> {
                behind.resize(w, h);
                byte[] px = behind.rgb();
                for (int i = 0; i < w * h; i++) {
                    px[3 * i] = (byte) (color >> 16);
                    px[3 * i + 1] = (byte) (color >> 8);
                    px[3 * i + 2] = (byte) color;
                }
            }
            case BLUR -> {
                if (blurReduced(image)) {
                    blendEnlarged(image, reducedBlurred);
                    return true;
                }
            }
            case IMAGE -> picture(w, h);
            default -> throw new IllegalStateException(mode.name());
        }
        byte[] front = image.rgb();
        byte[] back = behind.rgb();
        for (int i = 0; i < w * h; i++) {
            int a = alpha255(alpha[i]);
            if (a == 255) {
                continue;
            }
            int b = 255 - a;
            for (int c = 3 * i; c < 3 * i + 3; c++) {
                front[c] = (byte) blend(front[c] & 0xff, a, back[c] & 0xff, b);
            }
        }
        return true;
    }

    /** 8-bit alpha of a matte value: exact to one level, and the fully opaque person costs nothing. */
    private static int alpha255(float value) {
        return (int) (Math.clamp(value, 0f, 1f) * 255 + 0.5f);
    }

    /** The integer blend of a front and a back level, with weights {@code a + b = 255}. */
    private static int blend(int front, int a, int back, int b) {
        return (front * a + back * b + 127) / 255;
    }

    /**
     * Blurs the image into {@code behind} directly (small radii: returns false), or into the reduced copy
     * {@code reducedBlurred} (returns true: the caller blends it enlarged).
     */
    private boolean blurReduced(RgbImage image) {
        int factor = factor(radius);
        if (factor == 1) {
            blur.blur(image, behind, radius, 3);
            return false;
        }
        reduce(image, reduced, factor);
        blur.blur(reduced, reducedBlurred, reducedRadius(radius, factor), 3);
        return true;
    }

    /**
     * Blends {@code image} over {@code small} scaled bilinearly to the image's size (pixel centres aligned, edges
     * clamped), computing the scaled background only where the alpha lets it show: the person's pixels cost nothing,
     * and the full-size background is never built.
     */
    private void blendEnlarged(RgbImage image, RgbImage small) {
        int w = image.width();
        int h = image.height();
        int iw = small.width();
        int ih = small.height();
        if (x0.length < w) {
            x0 = new int[w];
            x1 = new int[w];
            fx = new int[w];
        }
        for (int x = 0; x < w; x++) {
            float sx = Math.max(0, (x + 0.5f) * iw / w - 0.5f);
            int left = Math.min((int) sx, iw - 1);
            x0[x] = 3 * left;
            x1[x] = 3 * Math.min(left + 1, iw - 1);
            fx[x] = (int) ((sx - left) * 256);
        }
        byte[] src = small.rgb();
        byte[] front = image.rgb();
        for (int y = 0; y < h; y++) {
            float sy = Math.max(0, (y + 0.5f) * ih / h - 0.5f);
            int top = Math.min((int) sy, ih - 1);
            int fy = (int) ((sy - top) * 256);
            int gy = 256 - fy;
            int r0 = 3 * iw * top;
            int r1 = 3 * iw * Math.min(top + 1, ih - 1);
            for (int x = 0, i = y * w, at = 3 * i; x < w; x++, i++, at += 3) {
                int a = alpha255(alpha[i]);
                if (a == 255) {
                    continue;
                }
                int b = 255 - a;
                int p00 = r0 + x0[x];
                int p01 = r0 + x1[x];
                int p10 = r1 + x0[x];
                int p11 = r1 + x1[x];
                int wx = fx[x];
                int gx = 256 - wx;
                for (int c = 0; c < 3; c++) {
                    int upper = (src[p00 + c] & 0xff) * gx + (src[p01 + c] & 0xff) * wx;
                    int lower = (src[p10 + c] & 0xff) * gx + (src[p11 + c] & 0xff) * wx;
                    int back = (upper * gy + lower * fy + 32768) >> 16;
                    // Alpha 0 (most of the background) is the background itself: the blend gives exactly that.
                    front[at + c] = (byte) (a == 0 ? back : blend(front[at + c] & 0xff, a, back, b));
                }
            }
        }
    }

    /**
     * @return the scale divisor the blur of {@code radius} runs at: 1 below 10, then 2, 3 from 15, 4 from 20. Three
     *     box passes of radius r spread a point by a standard deviation of about r, so a copy reduced by up to r/5
     *     keeps every detail the blur lets through (at least 5 samples per standard deviation)
     */
    static int factor(int radius) {
        return Math.clamp(radius / 5, 1, 4);
    }

    /**
     * @return the box radius that blurs a {@code 1/factor} copy as much as {@code radius} blurs the frame: three box
     *     passes of radius r spread a point with variance {@code r(r+1)}, so {@code r'(r'+1) factor^2 = r(r+1)}
     */
    static int reducedRadius(int radius, int factor) {
        double target = radius * (radius + 1.0) / (factor * factor);
        return Math.max(1, (int) Math.round((Math.sqrt(1 + 4 * target) - 1) / 2));
    }

    /**
     * {@code out} = {@code in} with every {@code factor x factor} block averaged (the last ones may be smaller); the
     * rounded mean of a whole block is a shift ({@code factor} is 2, 3 or 4: 4 or 16 pixels; 9 divides).
     */
    static void reduce(RgbImage in, RgbImage out, int factor) {
        int w = in.width();
        int h = in.height();
        int ow = (w + factor - 1) / factor;
        int oh = (h + factor - 1) / factor;
        out.resize(ow, oh);
        byte[] src = in.rgb();
        byte[] dst = out.rgb();
        int whole = factor * factor;
        int shift = Integer.bitCount(whole) == 1 ? Integer.numberOfTrailingZeros(whole) : -1;
        for (int oy = 0; oy < oh; oy++) {
            int y1 = Math.min(h, (oy + 1) * factor);
            for (int ox = 0; ox < ow; ox++) {
                int x1 = Math.min(w, (ox + 1) * factor);
                int r = 0;
                int g = 0;
                int b = 0;
                for (int y = oy * factor; y < y1; y++) {
                    for (int x = ox * factor, at = 3 * (y * w + x); x < x1; x++, at += 3) {
                        r += src[at] & 0xff;
                        g += src[at + 1] & 0xff;
                        b += src[at + 2] & 0xff;
                    }
                }
                int n = (y1 - oy * factor) * (x1 - ox * factor);
                int at = 3 * (oy * ow + ox);
                if (n == whole && shift >= 0) {
                    dst[at] = (byte) ((r + n / 2) >> shift);
                    dst[at + 1] = (byte) ((g + n / 2) >> shift);
                    dst[at + 2] = (byte) ((b + n / 2) >> shift);
                } else {
                    dst[at] = (byte) ((r + n / 2) / n);
                    dst[at + 1] = (byte) ((g + n / 2) / n);
                    dst[at + 2] = (byte) ((b + n / 2) / n);
                }
            }
        }
    }

    /** Scales the picture to the frame size, once per size. */
    private void picture(int w, int h) {
        if (pictureWidth == w && pictureHeight == h) {
            return;
        }
        BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(picture, 0, 0, w, h, null);
        g.dispose();
        behind.resize(w, h);
        byte[] px = behind.rgb();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = scaled.getRGB(x, y);
                int at = 3 * (y * w + x);
                px[at] = (byte) (rgb >> 16);
                px[at + 1] = (byte) (rgb >> 8);
                px[at + 2] = (byte) rgb;
            }
        }
        pictureWidth = w;
        pictureHeight = h;
    }

}
