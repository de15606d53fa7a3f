package org.framegrid.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The mask comparison on masks small enough to count by hand. */
class MaskAgreementTest {

    @Test
    void aMaskAtTheImagesSizeIsComparedPixelByPixel() {
        // Ours: foreground in the left column; theirs: foreground in the top row.
        float[] ours = {1, 0, 1, 0};
        MaskAgreement a = MaskAgreement.of(ours, 2, 2, 2, 2, (x, y) -> y == 0 ? 255 : 0);
        assertEquals(1.0 / 3, a.iou(), 1e-12, "one pixel in both, three in either");
        assertEquals(0.5, a.meanDifference(), 1e-12, "two pixels differ by 1, two agree");
        assertEquals(0.5, a.ours(), 1e-12);
        assertEquals(0.5, a.theirs(), 1e-12);
    }

    @Test
    void twoEmptyMasksAgreeFully() {
        MaskAgreement a = MaskAgreement.of(new float[4], 2, 2, 4, 4, (x, y) -> 0);
        assertEquals(new MaskAgreement(1, 0, 0, 0), a);
    }

    @Test
    void bilinearSamplingInterpolatesAndClampsToTheEdges() {
        float[] plane = {0, 1, 2, 3};
        assertEquals(1.5, MaskAgreement.bilinear(plane, 2, 2, 0.5, 0.5), 1e-12);
        assertEquals(0, MaskAgreement.bilinear(plane, 2, 2, -3, -3), 1e-12);
        assertEquals(3, MaskAgreement.bilinear(plane, 2, 2, 5, 5), 1e-12);
    }
}
