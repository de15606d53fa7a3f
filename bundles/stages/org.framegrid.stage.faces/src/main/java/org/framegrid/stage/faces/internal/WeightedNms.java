package org.framegrid.stage.faces.internal;

/**
 * MediaPipe's weighted non-maximum suppression ({@code WeightedNonMaxSuppression} in its
 * {@code non_max_suppression_calculator}): take the best remaining candidate, gather every remaining candidate whose
 * IoU with it exceeds the threshold (itself included), and emit the score-weighted mean of their boxes and extra
 * values (keypoints) with the best one's score. Averaging instead of discarding steadies the boxes from frame to frame,
 * because BlazeFace fires several overlapping anchors on one face.
 *
 * <p>Works on caller-owned struct-of-arrays with scratch space allocated once for a fixed capacity, so a decode per
 * frame allocates nothing. Not thread-safe: one instance per stage instance.
 */
final class WeightedNms {

    private final int extras;
    private final int[] order;
    private final boolean[] taken;

    /**
     * @param capacity the most candidates one call gets
     * @param extras   extra values per candidate averaged like the box (12 for 6 keypoints), may be 0
     */
    WeightedNms(int capacity, int extras) {
        this.extras = extras;
        order = new int[capacity];
        taken = new boolean[capacity];
    }

    /**
     * @param n        the number of candidates
     * @param score    their scores, {@code n} values
     * @param box      their boxes as {@code x0, y0, x1, y1}, {@code 4n} values
     * @param extra    their extra values, {@code extras * n} values
     * @param iou      the IoU above which two boxes are the same object
     * @param max      the most results wanted
     * @param outScore receives the results' scores, best first
     * @param outBox   receives the results' boxes
     * @param outExtra receives the results' extra values
     * @return the number of results, at most {@code max}
     */
    int apply(int n, float[] score, float[] box, float[] extra, float iou, int max, float[] outScore, float[] outBox,
            float[] outExtra) {
        for (int i = 0; i < n; i++) {
            order[i] = i;
            taken[i] = false;
        }
        sortByScore(n, score);
        int results = 0;
        for (int o = 0; o < n && results < max; o++) {
            int best = order[o];
            if (taken[best]) {
                continue;
            }
            float weight = 0;
            float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
            for (int e = 0; e < extras; e++) {
                outExtra[results * extras + e] = 0;
            }
            for (int p = o; p < n; p++) {
                int c = order[p];
                if (taken[c] || (c != best && iou(box, best, c) <= iou)) {
                    continue;
                }
                taken[c] = true;
                float w = score[c];
                weight += w;
                x0 += w * box[4 * c];
                y0 += w * box[4 * c + 1];
                x1 += w * box[4 * c + 2];
                y1 += w * box[4 * c + 3];
                for (int e = 0; e < extras; e++) {
                    outExtra[results * extras + e] += w * extra[c * extras + e];
                }
            }
            outScore[results] = score[best];
            outBox[4 * results] = x0 / weight;
            outBox[4 * results + 1] = y0 / weight;
            outBox[4 * results + 2] = x1 / weight;
            outBox[4 * results + 3] = y1 / weight;
            for (int e = 0; e < extras; e++) {
                outExtra[results * extras + e] /= weight;
            }
            results++;
        }
        return results;
    }

    /** Insertion sort of {@code order} by descending score: candidates above the threshold are few (tens). */
    private void sortByScore(int n, float[] score) {
        for (int i = 1; i < n; i++) {
            int v = order[i];
            int j = i - 1;
            while (j >= 0 && score[order[j]] < score[v]) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = v;
        }
    }

    /** @return the intersection over union of boxes {@code a} and {@code b} of {@code box} */
    static float iou(float[] box, int a, int b) {
        float ix = Math.min(box[4 * a + 2], box[4 * b + 2]) - Math.max(box[4 * a], box[4 * b]);
        float iy = Math.min(box[4 * a + 3], box[4 * b + 3]) - Math.max(box[4 * a + 1], box[4 * b + 1]);
        if (ix <= 0 || iy <= 0) {
            return 0;
        }
        float inter = ix * iy;
        float areaA = (box[4 * a + 2] - box[4 * a]) * (box[4 * a + 3] - box[4 * a + 1]);
        float areaB = (box[4 * b + 2] - box[4 * b]) * (box[4 * b + 3] - box[4 * b + 1]);
        float union = areaA + areaB - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
