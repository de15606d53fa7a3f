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
 * upsampled bilinearly to the frame so edges (hair) stay soft.
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
    private float[] alpha = new float[0];
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
            case BLUR -> blur.blur(image, behind, radius, 3);
            case IMAGE -> picture(w, h);
            default -> throw new IllegalStateException(mode.name());
        }
        byte[] front = image.rgb();
        byte[] back = behind.rgb();
        for (int i = 0; i < w * h; i++) {
            float a = Math.clamp(alpha[i], 0f, 1f);
            for (int c = 3 * i; c < 3 * i + 3; c++) {
                front[c] = (byte) Math.round((front[c] & 0xff) * a + (back[c] & 0xff) * (1 - a));
            }
        }
        return true;
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
