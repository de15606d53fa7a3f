package org.framegrid.stage.pose.internal;

import java.util.ArrayList;
import java.util.List;

import org.framegrid.api.frame.Detection;
import org.framegrid.api.frame.Line;
import org.framegrid.stage.vision.LandmarkBox;

/**
 * BlazePose's 33 landmarks as things a frame carries: the skeleton's bones as lines (MediaPipe's
 * {@code POSE_CONNECTIONS}, coloured by side as its drawing utilities do) and the person's box around the visible
 * landmarks.
 */
final class Skeleton {

    /** Bone pairs of landmark indexes (MediaPipe's POSE_CONNECTIONS). */
    static final int[][] BONES = {
        {0, 1}, {1, 2}, {2, 3}, {3, 7}, {0, 4}, {4, 5}, {5, 6}, {6, 8}, {9, 10},
        {11, 12}, {11, 13}, {13, 15}, {15, 17}, {15, 19}, {15, 21}, {17, 19},
        {12, 14}, {14, 16}, {16, 18}, {16, 20}, {16, 22}, {18, 20},
        {11, 23}, {12, 24}, {23, 24},
        {23, 25}, {24, 26}, {25, 27}, {26, 28}, {27, 29}, {28, 30}, {29, 31}, {30, 32}, {27, 31}, {28, 32}};
    static final String LABEL = "person";
    private static final int LEFT = 0xFFFF8000;
    private static final int RIGHT = 0xFF00C0FF;
    private static final int MIDDLE = 0xFFFFFFFF;

    private Skeleton() {
    }

    /**
     * @param points x, y (frame pixels), visibility per landmark
     * @return the bones whose both ends are at least {@code minVisibility} visible, normalised to the frame
     */
    static List<Line> lines(float[] points, int width, int height, float minVisibility) {
        List<Line> lines = new ArrayList<>(BONES.length);
        for (int[] bone : BONES) {
            int a = bone[0];
            int b = bone[1];
            if (points[3 * a + 2] < minVisibility || points[3 * b + 2] < minVisibility) {
                continue;
            }
            lines.add(new Line(points[3 * a] / width, points[3 * a + 1] / height, points[3 * b] / width,
                    points[3 * b + 1] / height, colour(a, b), LABEL));
        }
        return lines;
    }

    /** Odd landmarks are the person's left side, even ones the right (0, the nose, in the middle). */
    private static int colour(int a, int b) {
        boolean leftA = a > 0 && a % 2 == 1;
        boolean leftB = b > 0 && b % 2 == 1;
        if (leftA && leftB) {
            return LEFT;
        }
        boolean rightA = a > 0 && a % 2 == 0;
        boolean rightB = b > 0 && b % 2 == 0;
        return rightA && rightB ? RIGHT : MIDDLE;
    }

    /** @return the box around the visible landmarks, clipped to the frame; {@code null} when none is visible */
    static Detection box(float[] points, int width, int height, float minVisibility, float score) {
        return LandmarkBox.box(points, 3, PoseTracker.LANDMARKS, minVisibility, width, height, LABEL, score);
    }
}
