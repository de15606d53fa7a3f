package org.framegrid.stage.vision;

/**
 * A rotated square of the frame that a landmark model reads, in frame pixels: MediaPipe's "normalized rect" in
 * absolute units (see {@link RegionCrop}). Built from two alignment points as MediaPipe's {@code AlignmentPointsRectsCalculator} (the centre
 * at the first, side twice their distance, rotated so that the second lies straight above the first) followed by its
 * {@code RectTransformationCalculator} (scaled, square).
 *
 * @param cx       centre x
 * @param cy       centre y
 * @param side     the square's side
 * @param rotation radians, clockwise in image coordinates (y down)
 */
public record Region(double cx, double cy, double side, double rotation) {

    /**
     * @param scale how much larger than twice the points' distance (BlazePose: 1.25)
     * @return the region of the alignment points {@code (x0, y0)} (the centre: mid-hip) and {@code (x1, y1)}
     */
    public static Region aligned(double x0, double y0, double x1, double y1, double scale) {
        double side = 2 * Math.hypot(x1 - x0, y1 - y0) * scale;
        return new Region(x0, y0, side, rotation(x0, y0, x1, y1, Math.PI / 2));
    }

    /**
     * @param target the angle the vector should have, radians counter-clockwise from the x axis (MediaPipe's
     *               {@code target_angle}: 90 degrees for BlazePose's hip to head, 0 for the face's right to left eye)
     * @return the rotation that turns the vector from {@code (x0, y0)} to {@code (x1, y1)} to {@code target}
     */
    public static double rotation(double x0, double y0, double x1, double y1, double target) {
        return normalize(target - Math.atan2(-(y1 - y0), x1 - x0));
    }

    /** @return the frame x of region point {@code (u, v)}, both normalised to the square (0..1) */
    public double frameX(double u, double v) {
        double x = u - 0.5;
        double y = v - 0.5;
        return (Math.cos(rotation) * x - Math.sin(rotation) * y) * side + cx;
    }

    /** @return the frame y of region point {@code (u, v)}, both normalised to the square (0..1) */
    public double frameY(double u, double v) {
        double x = u - 0.5;
        double y = v - 0.5;
        return (Math.sin(rotation) * x + Math.cos(rotation) * y) * side + cy;
    }

    private static double normalize(double angle) {
        return angle - 2 * Math.PI * Math.floor((angle + Math.PI) / (2 * Math.PI));
    }
}
