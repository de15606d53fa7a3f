package org.framegrid.stage.facelandmarks.internal;

import java.util.ArrayList;
import java.util.List;

import org.framegrid.api.frame.Detection;
import org.framegrid.api.frame.Line;
import org.framegrid.stage.vision.LandmarkBox;

/**
 * The face mesh's 468 landmarks as things a frame carries: its contours as lines (the paths of MediaPipe's
 * {@code FACEMESH_CONTOURS}: face oval, eyes, eyebrows, lips) and the face's box around all landmarks.
 */
final class FaceContours {

    /** Closed and open paths of landmark indexes; each consecutive pair is one line. */
    static final int[][] PATHS = {
        // face oval (closed)
        {10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149,
            150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109, 10},
        // lips, outer: lower then upper
        {61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291},
        {61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291},
        // lips, inner
        {78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308},
        {78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308},
        // right eye (the person's): lower, upper
        {33, 7, 163, 144, 145, 153, 154, 155, 133},
        {33, 246, 161, 160, 159, 158, 157, 173, 133},
        // left eye
        {263, 249, 390, 373, 374, 380, 381, 382, 362},
        {263, 466, 388, 387, 386, 385, 384, 398, 362},
        // right eyebrow, left eyebrow
        {46, 53, 52, 65, 55},
        {70, 63, 105, 66, 107},
        {276, 283, 282, 295, 285},
        {300, 293, 334, 296, 336}};
    static final String LABEL = "face";
    private static final int[] COLOURS = {0xFFE0E0E0, 0xFFFF4060, 0xFFFF4060, 0xFFFF4060, 0xFFFF4060, 0xFF40C0FF,
        0xFF40C0FF, 0xFF40FF80, 0xFF40FF80, 0xFF40C0FF, 0xFF40C0FF, 0xFF40FF80, 0xFF40FF80};

    private FaceContours() {
    }

    /** @return the contours' lines, normalised to the frame; {@code points} holds x, y (frame pixels) per landmark */
    static List<Line> lines(float[] points, int width, int height) {
        List<Line> lines = new ArrayList<>(160);
        for (int p = 0; p < PATHS.length; p++) {
            int[] path = PATHS[p];
            for (int i = 0; i + 1 < path.length; i++) {
                int a = path[i];
                int b = path[i + 1];
                lines.add(new Line(points[2 * a] / width, points[2 * a + 1] / height, points[2 * b] / width,
                        points[2 * b + 1] / height, COLOURS[p], LABEL));
            }
        }
        return lines;
    }

    /** @return the box around all {@code count} landmarks, clipped to the frame; {@code null} when it is empty */
    static Detection box(float[] points, int count, int width, int height, float score) {
        return LandmarkBox.box(points, 2, count, 0, width, height, LABEL, score);
    }
}
