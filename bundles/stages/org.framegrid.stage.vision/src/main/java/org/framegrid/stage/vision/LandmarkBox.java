package org.framegrid.stage.vision;

import org.framegrid.api.frame.Detection;

/**
 * The box around a landmark stage's landmarks (pose, face mesh, hands). Landmarks lie in one float array,
 * {@code stride} values per landmark: x, y in frame pixels, then (when {@code stride} is 3) the landmark's visibility (0..1).
 */
public final class LandmarkBox {

    private LandmarkBox() {
    }

    /**
     * @param minVisibility landmarks less visible are left out; ignored when {@code stride} is 2 (no visibility)
     * @return x0, y0, x1, y1 (frame pixels) around the first {@code count} landmarks, in the frame's axes; x0 is
     *     {@code Float.MAX_VALUE} when none counts
     */
    public static float[] bounds(float[] points, int stride, int count, float minVisibility) {
        float x0 = Float.MAX_VALUE;
        float y0 = Float.MAX_VALUE;
        float x1 = -Float.MAX_VALUE;
        float y1 = -Float.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            if (stride > 2 && points[stride * i + 2] < minVisibility) {
                continue;
            }
            x0 = Math.min(x0, points[stride * i]);
            y0 = Math.min(y0, points[stride * i + 1]);
            x1 = Math.max(x1, points[stride * i]);
            y1 = Math.max(y1, points[stride * i + 1]);
        }
        return new float[] {x0, y0, x1, y1};
    }

    /** @return the {@link #bounds} as a detection normalised to and clipped by the frame; {@code null} when empty */
    public static Detection box(float[] points, int stride, int count, float minVisibility, int width, int height,
            String label, float score) {
        float[] b = bounds(points, stride, count, minVisibility);
        float left = Math.clamp(b[0] / width, 0f, 1f);
        float top = Math.clamp(b[1] / height, 0f, 1f);
        float right = Math.clamp(b[2] / width, 0f, 1f);
        float bottom = Math.clamp(b[3] / height, 0f, 1f);
        if (right <= left || bottom <= top) {
            return null;
        }
        return new Detection(left, top, right - left, bottom - top, 0, label, score, -1);
    }
}
