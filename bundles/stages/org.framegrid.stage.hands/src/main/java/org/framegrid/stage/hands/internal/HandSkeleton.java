package org.framegrid.stage.hands.internal;

import java.util.ArrayList;
import java.util.List;

import org.framegrid.api.frame.Detection;
import org.framegrid.api.frame.Line;
import org.framegrid.stage.vision.LandmarkBox;

/**
 * MediaPipe Hands' 21 landmarks as things a frame carries: the skeleton's bones as lines (MediaPipe's
 * {@code HAND_CONNECTIONS}: the palm, then each finger from its root to its tip, coloured by finger) and the hand's box
 * with its handedness.
 */
final class HandSkeleton {

    /** Bone pairs of landmark indexes (MediaPipe's HAND_CONNECTIONS). */
    static final int[][] BONES = {
        {0, 1}, {0, 5}, {5, 9}, {9, 13}, {13, 17}, {0, 17},
        {1, 2}, {2, 3}, {3, 4},
        {5, 6}, {6, 7}, {7, 8},
        {9, 10}, {10, 11}, {11, 12},
        {13, 14}, {14, 15}, {15, 16},
        {17, 18}, {18, 19}, {19, 20}};
    static final String LABEL = "hand";
    /** Class of a left hand; a right hand is 1. */
    static final int LEFT = 0;
    static final int RIGHT = 1;
    /** The palm, then thumb, index, middle, ring and little finger (5 bones of the palm, then 3 per finger). */
    private static final int[] COLOURS = {0xFFE0E0E0, 0xFFFFC080, 0xFF80FF80, 0xFF80C0FF, 0xFFC080FF, 0xFFFF80C0};

    private HandSkeleton() {
    }

    /** @return the bones, normalised to the frame; {@code points} holds x, y (frame pixels) per landmark */
    static List<Line> lines(float[] points, int width, int height) {
        List<Line> lines = new ArrayList<>(BONES.length);
        for (int i = 0; i < BONES.length; i++) {
            int a = BONES[i][0];
            int b = BONES[i][1];
            int colour = COLOURS[i < 6 ? 0 : 1 + (i - 6) / 3];
            lines.add(new Line(points[2 * a] / width, points[2 * a + 1] / height, points[2 * b] / width,
                    points[2 * b + 1] / height, colour, LABEL));
        }
        return lines;
    }

    /**
     * @param right whether it is a right hand
     * @return the box around the landmarks, clipped to the frame, class {@link #LEFT} or {@link #RIGHT};
     *     {@code null} when it is empty
     */
    static Detection box(float[] points, int width, int height, float score, boolean right) {
        Detection box = LandmarkBox.box(points, 2, HandTracker.LANDMARKS, 0, width, height, LABEL, score);
        if (box == null) {
            return null;
        }
        return new Detection(box.x(), box.y(), box.width(), box.height(), right ? RIGHT : LEFT, LABEL,
                score, -1);
    }
}
