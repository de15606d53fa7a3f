package org.framegrid.stage.vision;

/**
 * Smooths a landmark stage's landmarks from frame to frame with the One Euro filter (Casiez, Roussel, Vogel, CHI 2012),
 * as MediaPipe's {@code LandmarksSmoothingCalculator} does in video mode: per coordinate a low-pass filter whose cutoff
 * rises with the coordinate's filtered speed, so a still landmark's jitter is averaged away while a moving one is
 * followed with little lag. Speeds are measured in object sizes per second (the landmarks' box, mean of its width and
 * height), so the same parameters serve a face filling the frame and a person far away. The frequency comes from the
 * frames' timestamps; a frame without a later timestamp counts as one at the last frequency (30 Hz at first).
 * Parameters are MediaPipe Pose's for its visible landmarks: minimum cutoff 0.05 Hz, beta 80, derivative cutoff 1 Hz.
 *
 * <p>Not thread-safe: one per stage instance; the steady state allocates nothing.
 */
public final class LandmarkSmoother {

    /** MediaPipe's {@code min_cutoff}: the cutoff of a still landmark, Hz. */
    public static final double MIN_CUTOFF = 0.05;
    /** MediaPipe's {@code beta}: how fast the cutoff rises with speed (per object size per second). */
    public static final double BETA = 80;
    /** MediaPipe's {@code derivate_cutoff}: the cutoff of the speed's own filter, Hz. */
    public static final double DERIVATIVE_CUTOFF = 1;
    private static final double DEFAULT_FREQUENCY = 30;
    /** Objects smaller than this (pixels) pass unfiltered, as MediaPipe's {@code min_allowed_object_scale}. */
    private static final double MIN_OBJECT_SCALE = 1e-6;

    private double[] value = new double[0];
    private double[] raw = new double[0];
    private double[] speed = new double[0];
    private boolean started;
    private long lastPts;
    private double frequency = DEFAULT_FREQUENCY;

    /**
     * Filters the x and y of the first {@code count} landmarks of {@code points} in place ({@code stride} floats per
     * landmark, x and y first, frame pixels; the rest, such as visibility, is left as it is).
     *
     * @param pts the frame's timestamp in nanoseconds (0 when unknown)
     */
    public void smooth(float[] points, int stride, int count, long pts) {
        int n = 2 * count;
        if (value.length != n) {
            value = new double[n];
            raw = new double[n];
            speed = new double[n];
            started = false;
        }
        double scale = objectScale(points, stride, count);
        if (scale < MIN_OBJECT_SCALE) {
            return;
        }
        if (started && pts > lastPts && lastPts > 0) {
            frequency = 1e9 / (pts - lastPts);
        }
        lastPts = pts;
        double speedAlpha = alpha(DERIVATIVE_CUTOFF);
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < 2; c++) {
                int k = 2 * i + c;
                double x = points[stride * i + c];
                if (!started) {
                    value[k] = x;
                    raw[k] = x;
                    speed[k] = 0;
                    continue;
                }
                double dx = (x - raw[k]) / scale * frequency;
                speed[k] += speedAlpha * (dx - speed[k]);
                double cutoff = MIN_CUTOFF + BETA * Math.abs(speed[k]);
                value[k] += alpha(cutoff) * (x - value[k]);
                raw[k] = x;
                points[stride * i + c] = (float) value[k];
            }
        }
        started = true;
    }

    /** Forgets the landmarks (the object is lost): the next {@link #smooth} starts afresh. */
    public void reset() {
        started = false;
        lastPts = 0;
        frequency = DEFAULT_FREQUENCY;
    }

    private double alpha(double cutoff) {
        double te = 1 / frequency;
        double tau = 1 / (2 * Math.PI * cutoff);
        return 1 / (1 + tau / te);
    }

    /** @return the mean of the width and height of the landmarks' box, pixels */
    private static double objectScale(float[] points, int stride, int count) {
        float[] b = LandmarkBox.bounds(points, stride, count, -Float.MAX_VALUE);
        return ((b[2] - b[0]) + (b[3] - b[1])) / 2.0;
    }
}
