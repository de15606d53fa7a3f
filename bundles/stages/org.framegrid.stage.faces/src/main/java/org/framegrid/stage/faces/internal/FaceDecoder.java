package org.framegrid.stage.faces.internal;

import java.nio.FloatBuffer;

/**
 * Turns BlazeFace's raw outputs into faces: per anchor a sigmoid score and a box {@code dx, dy, w, h} plus keypoints
 * {@code (x, y)}, all in input pixels relative to the anchor centre; candidates above the score threshold go through
 * {@link WeightedNms}. Results are in input-normalised coordinates (0..1 of the square input, letterbox included).
 *
 * <p>All buffers are allocated once for the anchor count, so decoding a frame allocates nothing. Not thread-safe.
 */
final class FaceDecoder {

    /** Box (4) plus 6 keypoints (x, y): the 16 values per anchor of BlazeFace's box outputs. */
    static final int VALUES = 16;
    static final int KEYPOINTS = 6;
    /** MediaPipe clips logits to +-100 before the sigmoid (score_clipping_thresh) so exp cannot overflow. */
    private static final float CLIP = 100f;

    private final Anchors anchors;
    private final int inputSize;
    private final WeightedNms nms;
    private final float[] score;
    private final float[] box;
    private final float[] keypoints;
    private final float[] outScore;
    private final float[] outBox;
    private final float[] outKeypoints;
    private int results;

    FaceDecoder(Anchors anchors, int inputSize) {
        this.anchors = anchors;
        this.inputSize = inputSize;
        int n = anchors.count();
        nms = new WeightedNms(n, 2 * KEYPOINTS);
        score = new float[n];
        box = new float[4 * n];
        keypoints = new float[2 * KEYPOINTS * n];
        outScore = new float[n];
        outBox = new float[4 * n];
        outKeypoints = new float[2 * KEYPOINTS * n];
    }

    /**
     * Decodes one run's outputs.
     *
     * @param scores    per grid of the anchors, its score logits ({@code count} values)
     * @param boxes     per grid, its boxes ({@code VALUES * count} values)
     * @param threshold the smallest score kept, 0..1
     * @param iou       the NMS IoU threshold
     * @param max       the most faces wanted
     * @return the number of faces, read with {@link #score(int)}, {@link #box(int, int)}, {@link #keypoint(int, int)}
     */
    int decode(FloatBuffer[] scores, FloatBuffer[] boxes, float threshold, float iou, int max) {
        // Compare logits rather than apply the sigmoid to all 896 anchors: sigmoid is monotonic.
        float logitThreshold = threshold <= 0 ? -CLIP : threshold >= 1 ? CLIP
                : (float) Math.log(threshold / (1 - threshold));
        float size = inputSize;
        int n = 0;
        for (int g = 0; g < anchors.grids().size(); g++) {
            int first = anchors.first(g);
            int count = anchors.grids().get(g).count();
            FloatBuffer s = scores[g];
            FloatBuffer b = boxes[g];
            for (int i = 0; i < count; i++) {
                float logit = Math.max(-CLIP, Math.min(CLIP, s.get(i)));
                if (logit < logitThreshold) {
                    continue;
                }
                int a = first + i;
                float cx = anchors.centreX(a) + b.get(i * VALUES) / size;
                float cy = anchors.centreY(a) + b.get(i * VALUES + 1) / size;
                float w = b.get(i * VALUES + 2) / size;
                float h = b.get(i * VALUES + 3) / size;
                score[n] = (float) (1 / (1 + Math.exp(-logit)));
                box[4 * n] = cx - w / 2;
                box[4 * n + 1] = cy - h / 2;
                box[4 * n + 2] = cx + w / 2;
                box[4 * n + 3] = cy + h / 2;
                for (int k = 0; k < KEYPOINTS; k++) {
                    keypoints[n * 2 * KEYPOINTS + 2 * k] = anchors.centreX(a) + b.get(i * VALUES + 4 + 2 * k) / size;
                    keypoints[n * 2 * KEYPOINTS + 2 * k + 1] = anchors.centreY(a) + b.get(i * VALUES + 5 + 2 * k) / size;
                }
                n++;
            }
        }
        results = nms.apply(n, score, box, keypoints, iou, max, outScore, outBox, outKeypoints);
        return results;
    }

    int results() {
        return results;
    }

    float score(int face) {
        return outScore[face];
    }

    /** @return coordinate {@code c} (x0, y0, x1, y1) of face {@code face}'s box, input-normalised */
    float box(int face, int c) {
        return outBox[4 * face + c];
    }

    /** @return value {@code v} (x0, y0, x1, y1, ... for the 6 keypoints) of face {@code face}, input-normalised */
    float keypoint(int face, int v) {
        return outKeypoints[face * 2 * KEYPOINTS + v];
    }
}
