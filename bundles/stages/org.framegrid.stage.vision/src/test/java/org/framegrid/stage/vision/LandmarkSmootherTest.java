package org.framegrid.stage.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The One Euro filter on landmarks with a known truth: a 21-point object 200 px across, at 30 frames a second, with
 * Gaussian jitter of 1.5 px, first still, then moving 10 px a frame. (The hands stage's test does the same with the
 * real model on a real photograph.)
 */
class LandmarkSmootherTest {

    private static final int COUNT = 21;
    private static final long FRAME = 33_333_333L;

    @Test
    void stillJitterDropsAndMotionIsFollowed() {
        LandmarkSmoother smoother = new LandmarkSmoother();
        Random random = new Random(7);
        double rawError = 0;
        double smoothError = 0;
        double rawMoves = 0;
        double smoothMoves = 0;
        float[] lastRaw = null;
        float[] lastSmooth = null;
        int still = 60;
        int warmUp = 10;
        for (int f = 0; f < still; f++) {
            float[] points = object(0, random, 1.5);
            float[] raw = points.clone();
            smoother.smooth(points, 2, COUNT, (f + 1) * FRAME);
            if (f > warmUp) {
                rawError += error(raw, 0);
                smoothError += error(points, 0);
                rawMoves += distance(raw, lastRaw);
                smoothMoves += distance(points, lastSmooth);
            }
            lastRaw = raw;
            lastSmooth = points;
        }
        int n = still - warmUp - 1;
        System.out.printf("One Euro, still object, jitter 1.5 px: from the truth %.3f px raw, %.3f px smoothed; "
                + "moves %.3f px a frame raw, %.3f px smoothed%n", rawError / n, smoothError / n, rawMoves / n,
                smoothMoves / n);
        // MediaPipe's parameters (beta 80) favour following over stilling: the error from the truth drops by a third,
        // the shake from frame to frame (what a viewer sees) by more than half.
        assertTrue(smoothError < 0.8 * rawError, "smoothed " + smoothError / n + " px from the truth against "
                + rawError / n + " px raw");
        assertTrue(smoothMoves < 0.5 * rawMoves, "smoothed landmarks move " + smoothMoves / n + " px a frame, raw "
                + rawMoves / n);

        double lag = 0;
        int moving = 30;
        for (int f = 0; f < moving; f++) {
            double shift = 10.0 * (f + 1);
            float[] points = object(shift, random, 1.5);
            smoother.smooth(points, 2, COUNT, (still + f + 1) * FRAME);
            if (f >= moving - 10) {
                lag += meanX(points) - shift;
            }
        }
        lag /= 10;
        System.out.printf("One Euro, moving 10 px a frame: %.2f px behind%n", -lag);
        assertTrue(Math.abs(lag) < 2, "the smoothed landmarks are " + -lag + " px behind");
    }

    /** Without timestamps the frames count at 30 Hz; a reset starts afresh (the first frame passes as it is). */
    @Test
    void framesWithoutTimestampsAndAReset() {
        LandmarkSmoother smoother = new LandmarkSmoother();
        Random random = new Random(3);
        for (int f = 0; f < 20; f++) {
            smoother.smooth(object(0, random, 1.5), 2, COUNT, 0);
        }
        float[] far = object(500, random, 0);
        float[] copy = far.clone();
        smoother.smooth(far, 2, COUNT, 0);
        assertTrue(meanX(far) < 500, "a jump is followed, not taken at once: " + meanX(far));
        smoother.reset();
        smoother.smooth(copy, 2, COUNT, 0);
        assertEquals(500, meanX(copy), 1e-3, "after a reset the first landmarks pass unchanged");
    }

    /** @return 21 landmarks on a 200 px circle around (300 + shift, 200), each with Gaussian noise of {@code sigma} */
    private static float[] object(double shift, Random random, double sigma) {
        float[] points = new float[2 * COUNT];
        for (int i = 0; i < COUNT; i++) {
            double a = 2 * Math.PI * i / COUNT;
            points[2 * i] = (float) (300 + shift + 100 * Math.cos(a) + sigma * random.nextGaussian());
            points[2 * i + 1] = (float) (200 + 100 * Math.sin(a) + sigma * random.nextGaussian());
        }
        return points;
    }

    private static double error(float[] points, double shift) {
        double sum = 0;
        for (int i = 0; i < COUNT; i++) {
            double a = 2 * Math.PI * i / COUNT;
            sum += Math.hypot(points[2 * i] - (300 + shift + 100 * Math.cos(a)), points[2 * i + 1] - (200
                    + 100 * Math.sin(a)));
        }
        return sum / COUNT;
    }

    /** @return the mean distance between the landmarks of {@code a} and {@code b} */
    private static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < COUNT; i++) {
            sum += Math.hypot(a[2 * i] - b[2 * i], a[2 * i + 1] - b[2 * i + 1]);
        }
        return sum / COUNT;
    }

    private static double meanX(float[] points) {
        double sum = 0;
        for (int i = 0; i < COUNT; i++) {
            sum += points[2 * i];
        }
        return sum / COUNT - 300;
    }
}
