package org.framegrid.stage.util.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.PixelFormat;

/**
 * {@code test-source}'s real content: pictures shown in turn, each for {@link #SECONDS} seconds, slowly zoomed and
 * panned across (a "Ken Burns" slideshow), so that models have people, faces and hands to see in a live stream. Each
 * picture covers the frame (scaled to fill it, the rest cropped); the zoom grows from 1 to 1.2 while the view drifts
 * from one side of the picture to the other, alternating direction from picture to picture.
 *
 * <p>Not thread-safe: one per stage instance.
 */
final class Slideshow {

    /** How long each picture is shown. */
    static final double SECONDS = 6;
    private static final double ZOOM = 0.2;

    private final List<BufferedImage> pictures;
    private BufferedImage canvas;
    private byte[] row = new byte[0];

    private Slideshow(List<BufferedImage> pictures) {
        this.pictures = pictures;
    }

    /**
     * @param files comma-separated image files (PNG, JPEG)
     * @throws IllegalArgumentException naming the file that is missing or not an image
     */
    static Slideshow of(String files) {
        List<BufferedImage> pictures = new ArrayList<>();
        for (String name : files.split(",")) {
            Path file = Path.of(name.trim());
            BufferedImage image;
            try {
                image = Files.isRegularFile(file) ? ImageIO.read(file.toFile()) : null;
            } catch (IOException e) {
                throw new IllegalArgumentException("test-source pictures: " + file + " cannot be read: "
                        + e.getMessage(), e);
            }
            if (image == null) {
                throw new IllegalArgumentException("test-source pictures: " + file + (Files.isRegularFile(file)
                        ? " is not an image ImageIO reads (PNG, JPEG)" : " does not exist"));
            }
            pictures.add(image);
        }
        return new Slideshow(List.copyOf(pictures));
    }

    /** Draws the slideshow at {@code seconds} into {@code frame} (RGB24 directly, other formats through RGB). */
    void draw(Frame frame, double seconds) {
        int w = frame.width();
        int h = frame.height();
        if (canvas == null || canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        }
        int index = (int) (seconds / SECONDS);
        BufferedImage picture = pictures.get(index % pictures.size());
        double t = seconds / SECONDS - index;
        // Ease in and out, so the motion starts and stops gently.
        double s = t * t * (3 - 2 * t);
        double cover = Math.max((double) w / picture.getWidth(), (double) h / picture.getHeight());
        double scale = cover * (1 + ZOOM * s);
        double spareX = picture.getWidth() * scale - w;
        double spareY = picture.getHeight() * scale - h;
        double along = index % 2 == 0 ? s : 1 - s;
        double x = -spareX * along;
        // Vertically the view stays in the picture's upper part, where faces are: from a tenth to three tenths down.
        double y = -spareY * (0.1 + 0.2 * along);
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(picture, (int) Math.round(x), (int) Math.round(y), (int) Math.round(picture.getWidth() * scale),
                (int) Math.round(picture.getHeight() * scale), null);
        g.dispose();
        byte[] bgr = ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
        if (row.length < 3 * w) {
            row = new byte[3 * w];
        }
        for (int y0 = 0; y0 < h; y0++) {
            for (int col = 0; col < w; col++) {
                int at = 3 * (y0 * w + col);
                row[3 * col] = bgr[at + 2];
                row[3 * col + 1] = bgr[at + 1];
                row[3 * col + 2] = bgr[at];
            }
            if (frame.format() == PixelFormat.RGB24) {
                frame.data().put(frame.offset(0) + y0 * frame.stride(0), row, 0, 3 * w);
            } else {
                for (int col = 0; col < w; col++) {
                    PixelColors.write(frame, col, y0, PixelColors.rgb(row[3 * col] & 0xFF, row[3 * col + 1] & 0xFF,
                            row[3 * col + 2] & 0xFF));
                }
            }
        }
    }
}
