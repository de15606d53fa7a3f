package org.framegrid.testing;

/**
 * A model's soft mask against MediaPipe's own, pixel by pixel at the image's size. The model's mask is scaled to the
 * image with bilinear sampling, as MediaPipe scales it; MediaPipe's confidence is the alpha of the mask its solution
 * drew (its demos composite through it). A pixel is foreground above one half on either side.
 *
 * @param iou            intersection over union of the two foregrounds (1 when both are empty)
 * @param meanDifference mean |ours - theirs| of the confidences, 0..1
 * @param ours           the share of the image in our foreground, 0..1
 * @param theirs         the share of the image in MediaPipe's foreground, 0..1
 * @since 1.3
 */
public record MaskAgreement(double iou, double meanDifference, double ours, double theirs) {

    /** MediaPipe's mask: its alpha, 0..255, at an image pixel. */
    @FunctionalInterface
    public interface Alpha {
        int at(int x, int y);
    }

    /**
     * @param mask   our confidences, 0..1, row by row
     * @param width  the image's width, at which the two are compared
     * @param theirs MediaPipe's mask at the image's size
     * @return how far the two agree
     */
    public static MaskAgreement of(float[] mask, int maskWidth, int maskHeight, int width, int height, Alpha theirs) {
        int intersection = 0;
        int union = 0;
        int ourPixels = 0;
        int theirPixels = 0;
        double difference = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double p = bilinear(mask, maskWidth, maskHeight, (x + 0.5) * maskWidth / width - 0.5,
                        (y + 0.5) * maskHeight / height - 0.5);
                int alpha = theirs.at(x, y);
                boolean a = p > 0.5;
                boolean b = alpha > 127;
                intersection += a && b ? 1 : 0;
                union += a || b ? 1 : 0;
                ourPixels += a ? 1 : 0;
                theirPixels += b ? 1 : 0;
                difference += Math.abs(p - alpha / 255.0);
            }
        }
        double area = (double) width * height;
        return new MaskAgreement(union == 0 ? 1 : (double) intersection / union, difference / area, ourPixels / area,
                theirPixels / area);
    }

    /** @return {@code plane} ({@code w x h}, row by row) sampled bilinearly at {@code (fx, fy)}, clamped to its edges */
    public static double bilinear(float[] plane, int w, int h, double fx, double fy) {
        fx = Math.clamp(fx, 0, w - 1);
        fy = Math.clamp(fy, 0, h - 1);
        int x0 = (int) fx;
        int y0 = (int) fy;
        int x1 = Math.min(x0 + 1, w - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        double dx = fx - x0;
        double dy = fy - y0;
        return plane[y0 * w + x0] * (1 - dx) * (1 - dy) + plane[y0 * w + x1] * dx * (1 - dy)
                + plane[y1 * w + x0] * (1 - dx) * dy + plane[y1 * w + x1] * dx * dy;
    }
}
