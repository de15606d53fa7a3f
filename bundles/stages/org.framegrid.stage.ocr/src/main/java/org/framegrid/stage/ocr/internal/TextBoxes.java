package org.framegrid.stage.ocr.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * DB post-processing: a text probability map → text line boxes. Pixels above {@code threshold} are grouped into
 * 8-connected regions; a region is kept when its mean probability reaches {@code boxThreshold} and its box is at least
 * 3 pixels on each side, then grown by {@code area * unclipRatio / perimeter} on every side (the DB paper's unclip:
 * DB learns shrunk text regions). Axis-aligned boxes; PaddleOCR fits rotated rectangles, which horizontal text does
 * not need.
 *
 * <p>Not thread-safe: keeps its scratch arrays between frames.
 */
final class TextBoxes {

    /** A box in map pixels, and the region's mean probability. */
    record Box(float x, float y, float width, float height, float score) {
    }

    private int[] labels = new int[0];
    private int[] stack = new int[0];

    List<Box> find(float[] map, int width, int height, float threshold, float boxThreshold, float unclipRatio) {
        int n = width * height;
        if (labels.length < n) {
            labels = new int[n];
            stack = new int[n];
        }
        java.util.Arrays.fill(labels, 0, n, 0);
        List<Box> boxes = new ArrayList<>();
        int next = 1;
        for (int start = 0; start < n; start++) {
            if (labels[start] != 0 || map[start] <= threshold) {
                continue;
            }
            int label = next++;
            int top = 0;
            stack[top++] = start;
            labels[start] = label;
            int x0 = width;
            int y0 = height;
            int x1 = -1;
            int y1 = -1;
            double sum = 0;
            int count = 0;
            while (top > 0) {
                int at = stack[--top];
                int x = at % width;
                int y = at / width;
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
                sum += map[at];
                count++;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (nx >= 0 && ny >= 0 && nx < width && ny < height) {
                            int neighbour = ny * width + nx;
                            if (labels[neighbour] == 0 && map[neighbour] > threshold) {
                                labels[neighbour] = label;
                                stack[top++] = neighbour;
                            }
                        }
                    }
                }
            }
            float w = x1 - x0 + 1;
            float h = y1 - y0 + 1;
            float score = (float) (sum / count);
            if (w < 3 || h < 3 || score < boxThreshold) {
                continue;
            }
            float grow = w * h * unclipRatio / (2 * (w + h));
            float bx = Math.max(0, x0 - grow);
            float by = Math.max(0, y0 - grow);
            boxes.add(new Box(bx, by, Math.min(width, x1 + 1 + grow) - bx, Math.min(height, y1 + 1 + grow) - by,
                    score));
        }
        // Reading order: top to bottom; boxes whose tops differ by less than half a line are one line, read left to
        // right (PaddleOCR's sort: by top, then neighbours swapped).
        boxes.sort(Comparator.comparingDouble(Box::y));
        for (int i = 1; i < boxes.size(); i++) {
            for (int j = i; j > 0; j--) {
                Box a = boxes.get(j - 1);
                Box b = boxes.get(j);
                if (Math.abs(a.y() - b.y()) < Math.min(a.height(), b.height()) / 2 && b.x() < a.x()) {
                    boxes.set(j - 1, b);
                    boxes.set(j, a);
                } else {
                    break;
                }
            }
        }
        return boxes;
    }
}
