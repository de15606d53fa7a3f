package org.framegrid.stage.faces.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.FloatBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The pure-Java half of detect-faces: anchors, weighted NMS and the decode of raw outputs. */
class DecodeTest {

    private static final float EPS = 1e-5f;

    @Test
    void blazeFaceHas896AnchorsCentredOnTheirCells() {
        Anchors anchors = Anchors.parse("16:2,8:6");
        assertEquals(896, anchors.count());
        assertEquals(List.of(new Anchors.Grid(16, 2), new Anchors.Grid(8, 6)), anchors.grids());
        assertEquals(512, anchors.first(1));
        // 16x16 grid: two anchors per cell share the centre ((x + 0.5) / 16, (y + 0.5) / 16), row-major.
        assertEquals(0.5f / 16, anchors.centreX(0), EPS);
        assertEquals(0.5f / 16, anchors.centreY(1), EPS);
        assertEquals(1.5f / 16, anchors.centreX(2), EPS);
        assertEquals(0.5f / 16, anchors.centreY(2), EPS);
        assertEquals(0.5f / 16, anchors.centreX(32), EPS);
        assertEquals(1.5f / 16, anchors.centreY(32), EPS);
        assertEquals(15.5f / 16, anchors.centreX(511), EPS);
        assertEquals(15.5f / 16, anchors.centreY(511), EPS);
        // 8x8 grid: six anchors per cell.
        assertEquals(0.5f / 8, anchors.centreX(512 + 5), EPS);
        assertEquals(1.5f / 8, anchors.centreX(512 + 6), EPS);
        assertEquals(7.5f / 8, anchors.centreX(895), EPS);
        assertEquals(7.5f / 8, anchors.centreY(895), EPS);
        assertThrows(IllegalArgumentException.class, () -> Anchors.parse("16x2"));
        assertThrows(IllegalArgumentException.class, () -> Anchors.parse("16:0"));
    }

    @Test
    void weightedNmsAveragesOverlappingBoxesByScore() {
        WeightedNms nms = new WeightedNms(8, 2);
        float[] score = {0.6f, 0.9f, 0.7f};
        float[] box = {
            0.10f, 0.10f, 0.30f, 0.30f, // overlaps the best one (IoU 0.68)
            0.12f, 0.12f, 0.32f, 0.32f, // best
            0.60f, 0.60f, 0.80f, 0.80f, // elsewhere
        };
        float[] extra = {1, 2, 3, 4, 5, 6};
        float[] outScore = new float[3];
        float[] outBox = new float[12];
        float[] outExtra = new float[6];
        int n = nms.apply(3, score, box, extra, 0.3f, 10, outScore, outBox, outExtra);
        assertEquals(2, n);
        assertEquals(0.9f, outScore[0], EPS, "the merged face keeps the best score");
        float w = 0.6f + 0.9f;
        assertEquals((0.6f * 0.10f + 0.9f * 0.12f) / w, outBox[0], EPS);
        assertEquals((0.6f * 0.30f + 0.9f * 0.32f) / w, outBox[2], EPS);
        assertEquals((0.6f * 1 + 0.9f * 3) / w, outExtra[0], EPS, "keypoints are averaged with the same weights");
        assertEquals(0.7f, outScore[1], EPS);
        assertEquals(0.60f, outBox[4], EPS, "a lone box is kept as it is");
        assertEquals(6f, outExtra[3], EPS);

        assertEquals(1, nms.apply(3, score, box, extra, 0.3f, 1, outScore, outBox, outExtra), "max results");
        assertEquals(3, nms.apply(3, score, box, extra, 0.9f, 10, outScore, outBox, outExtra),
                "nothing merges above an IoU of 0.9");
        assertEquals(0.9f, outScore[0], EPS);
        assertEquals(0.7f, outScore[1], EPS, "results best first");
    }

    @Test
    void iouOfKnownBoxes() {
        float[] box = {0, 0, 2, 2, 1, 1, 3, 3, 5, 5, 6, 6};
        assertEquals(1f / 7, WeightedNms.iou(box, 0, 1), EPS);
        assertEquals(0f, WeightedNms.iou(box, 0, 2), EPS);
        assertEquals(1f, WeightedNms.iou(box, 1, 1), EPS);
    }

    @Test
    void decodeReadsBoxesRelativeToTheirAnchorInInputPixels() {
        Anchors anchors = Anchors.parse("16:2,8:6");
        FaceDecoder decoder = new FaceDecoder(anchors, 128);
        FloatBuffer s16 = filled(512, -10f);
        FloatBuffer s8 = filled(384, -10f);
        FloatBuffer b16 = filled(512 * 16, 0f);
        FloatBuffer b8 = filled(384 * 16, 0f);
        // Anchor 3 of the 8x8 grid (cell 0,0, centre 8/128 px): logit 2 (score 0.88), box 4 px right, 32x16 px.
        int i = 3;
        s8.put(i, 2f);
        b8.put(i * 16, 4f);
        b8.put(i * 16 + 2, 32f);
        b8.put(i * 16 + 3, 16f);
        b8.put(i * 16 + 4, -2f); // first keypoint x
        int n = decoder.decode(new FloatBuffer[] {s16, s8}, new FloatBuffer[] {b16, b8}, 0.5f, 0.3f, 10);
        assertEquals(1, n);
        assertEquals(1 / (1 + Math.exp(-2)), decoder.score(0), EPS);
        assertEquals((8 + 4 - 16) / 128f, decoder.box(0, 0), EPS);
        assertEquals((8 - 8) / 128f, decoder.box(0, 1), EPS);
        assertEquals((8 + 4 + 16) / 128f, decoder.box(0, 2), EPS);
        assertEquals((8 + 8) / 128f, decoder.box(0, 3), EPS);
        assertEquals((8 - 2) / 128f, decoder.keypoint(0, 0), EPS);
        assertEquals(0, decoder.decode(new FloatBuffer[] {s16, s8}, new FloatBuffer[] {b16, b8}, 0.9f, 0.3f, 10),
                "below the score threshold");
    }

    private static FloatBuffer filled(int n, float value) {
        FloatBuffer b = FloatBuffer.allocate(n);
        for (int i = 0; i < n; i++) {
            b.put(i, value);
        }
        return b;
    }
}
