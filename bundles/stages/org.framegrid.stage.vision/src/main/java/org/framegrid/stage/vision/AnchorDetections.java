package org.framegrid.stage.vision;

import java.nio.FloatBuffer;

/**
 * Decodes a MediaPipe SSD detector with anchors of fixed size (BlazePose's detector, BlazeFace; per anchor a box and
 * keypoints relative to the anchor centre in input pixels, and a score logit) into the one object MediaPipe tracks:
 * the top-scoring detection merged by weighted non-maximum suppression (the boxes that overlap it by more than the IoU
 * threshold, averaged with their scores as weights), as its {@code TensorsToDetectionsCalculator} and
 * {@code NonMaxSuppressionCalculator} (WEIGHTED) do for one pose, one face or one palm. Every keypoint is kept: the
 * landmark region is aligned with two of them (mid-hip and scale point; right and left eye; wrist and middle finger).
 *
 * <p>Not thread-safe: one per stage instance; the steady state allocates nothing.
 */
public final class AnchorDetections {

    private final int values;
    /** Merged values: xmin, ymin, xmax, ymax, then every keypoint (x, y); normalised to the input. */
    private final float[] best;
    private final float[] centres;
    private final int count;
    private final float size;
    private float[] scores = new float[0];
    private final float[] topBox = new float[4];
    private final float[] box = new float[4];
    private final float[] sum;

    /**
     * @param grids  the anchor layout, e.g. {@code 28:2,14:2,7:6}: cells per side and anchors per cell, in output order
     * @param size   the square input's side in pixels
     * @param values values per anchor in the boxes output: the box (4), then keypoints (x, y), at least 2 of them
     * @throws IllegalArgumentException if the layout cannot be read
     */
    public AnchorDetections(String grids, int size, int values) {
        if (values < 8) {
            throw new IllegalArgumentException(values + " values per anchor: a box and two keypoints need 8");
        }
        this.size = size;
        this.values = values;
        this.best = new float[values];
        this.sum = new float[values];
        int n = 0;
        for (String grid : grids.split(",")) {
            String[] parts = grid.trim().split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("anchors '" + grids + "': '" + grid + "' is not CELLS:PER_CELL");
            }
            n += Integer.parseInt(parts[0].trim()) * Integer.parseInt(parts[0].trim()) * Integer.parseInt(parts[1].trim());
        }
        count = n;
        centres = new float[2 * n];
        int i = 0;
        for (String grid : grids.split(",")) {
            String[] parts = grid.trim().split(":");
            int cells = Integer.parseInt(parts[0].trim());
            int perCell = Integer.parseInt(parts[1].trim());
            for (int y = 0; y < cells; y++) {
                for (int x = 0; x < cells; x++) {
                    for (int a = 0; a < perCell; a++) {
                        centres[i++] = (x + 0.5f) / cells;
                        centres[i++] = (y + 0.5f) / cells;
                    }
                }
            }
        }
    }

    /** @return how many anchors the layout has (the detector's output rows) */
    public int count() {
        return count;
    }

    /**
     * @return the merged best detection's score, or 0 when no anchor reaches {@code threshold}; its geometry is then
     *     in {@link #value(int)}
     */
    public float decode(FloatBuffer boxes, FloatBuffer logits, float threshold, float iouThreshold) {
        if (scores.length < count) {
            scores = new float[count];
        }
        int top = -1;
        for (int i = 0; i < count; i++) {
            float logit = Math.clamp(logits.get(i), -100f, 100f);
            scores[i] = (float) (1 / (1 + Math.exp(-logit)));
            if (scores[i] >= threshold && (top < 0 || scores[i] > scores[top])) {
                top = i;
            }
        }
        if (top < 0) {
            return 0;
        }
        box(boxes, top, topBox);
        java.util.Arrays.fill(sum, 0);
        float total = 0;
        for (int i = 0; i < count; i++) {
            if (scores[i] < threshold) {
                continue;
            }
            box(boxes, i, box);
            if (i != top && iou(topBox, box) <= iouThreshold) {
                continue;
            }
            float w = scores[i];
            for (int k = 0; k < 4; k++) {
                sum[k] += box[k] * w;
            }
            int o = i * values;
            for (int k = 4; k < values; k++) {
                sum[k] += (boxes.get(o + k) / size + centres[2 * i + (k & 1)]) * w;
            }
            total += w;
        }
        for (int k = 0; k < values; k++) {
            best[k] = sum[k] / total;
        }
        return scores[top];
    }

    /**
     * @return merged value {@code k}: 0-3 the box (xmin, ymin, xmax, ymax), then keypoint {@code j} at {@code 4 + 2j}
     *     (x) and {@code 5 + 2j} (y); input-normalised
     */
    public float value(int k) {
        return best[k];
    }

    private void box(FloatBuffer boxes, int i, float[] out) {
        int o = i * values;
        float cx = boxes.get(o) / size + centres[2 * i];
        float cy = boxes.get(o + 1) / size + centres[2 * i + 1];
        float w = boxes.get(o + 2) / size;
        float h = boxes.get(o + 3) / size;
        out[0] = cx - w / 2;
        out[1] = cy - h / 2;
        out[2] = cx + w / 2;
        out[3] = cy + h / 2;
    }

    private static float iou(float[] a, float[] b) {
        float ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
        float iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
        float inter = ix * iy;
        float union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
