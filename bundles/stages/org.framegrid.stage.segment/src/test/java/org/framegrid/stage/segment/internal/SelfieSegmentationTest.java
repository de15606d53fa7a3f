package org.framegrid.stage.segment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.Matte;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.Stage;
import org.framegrid.testing.Fixtures;
import org.framegrid.testing.MaskAgreement;
import org.framegrid.testing.MediaPipeReference;
import org.framegrid.testing.MediaPipeReference.Rgba;
import org.framegrid.testing.stages.StageRig;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * segment with MediaPipe's selfie segmentation (the converted model bundle, real ONNX Runtime backend) against the
 * ORIGINAL: the {@code @mediapipe/selfie_segmentation} solution run in headless Chromium by the model build's
 * reference check ({@link MediaPipeReference}: its masks and the pixels Chromium decoded). The stage gets the same pixels as a frame; its soft matte
 * ({@code FrameMeta.MATTE}, 256x256) is scaled bilinearly to the image as MediaPipe scales its mask, and compared with
 * MediaPipe's mask: the mean difference of the probabilities, and the IoU of both thresholded at 0.5.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SelfieSegmentationTest {

    /** The images of the selfie check: where MediaPipe's mask covers 5% or more, IoU is judged (FINDINGS §4.2). */
    static final List<String> IMAGES = List.of("astronaut", "chelsea", "coffee", "dog", "eagle", "person", "kite",
            "horses");
    static final double MIN_IOU = 0.98;
    /**
     * The stage's input sampling is 8-bit fixed-point bilinear (ImageInputWriter), the reference check's is double
     * precision: a little more than the converter check's 0.004.
     */
    static final double MAX_MEAN_DIFFERENCE = 0.006;

    @RegisterExtension
    static final StageRig<SegmentProvider> rig = StageRig.onCpu(SegmentProvider::new,
            p -> p.addModel(Fixtures.bundled("selfie-segmentation")));

    @TestFactory
    Stream<DynamicTest> theMatteMatchesMediaPipesOwnSolution() {
        Path masks = MediaPipeReference.dir("selfie");
        return IMAGES.stream().map(name -> DynamicTest.dynamicTest(name, () -> compare(masks, name)));
    }

    private static void compare(Path masks, String name) throws Exception {
        Rgba pixels = MediaPipeReference.pixels(name);
        Rgba theirs = Rgba.read(masks.resolve(name + ".mask"));
        assertEquals(pixels.width() + "x" + pixels.height(), theirs.width() + "x" + theirs.height(), "mask size");
        Stage stage = rig.start(PixelFormat.RGB24, Map.of("model", "selfie-segmentation",
                "background", "NONE", "threads", 1L));
        Frame frame = rig.frame(PixelFormat.RGB24, pixels.image());
        Matte matte;
        try {
            stage.process(frame);
            matte = frame.meta(FrameMeta.MATTE);
            assertNotNull(matte, "the soft matte is attached");
            assertNotNull(frame.meta(FrameMeta.MASK), "and the mask");
        } finally {
            frame.release();
            stage.stop();
        }
        assertEquals("256x256", matte.width() + "x" + matte.height(), "the model's resolution");
        // MediaPipe's confidence is its mask's alpha channel (see the reference check).
        MaskAgreement agreement = MaskAgreement.of(matte.alpha(), matte.width(), matte.height(), pixels.width(),
                pixels.height(), (x, y) -> theirs.channel(x, y, 3));
        double iou = agreement.iou();
        double mean = agreement.meanDifference();
        System.out.printf("segment selfie-segmentation vs @mediapipe/selfie_segmentation, %s %dx%d: IoU %.4f, mean "
                + "|difference| %.5f (foreground %.1f%%)%n", name, pixels.width(), pixels.height(), iou, mean,
                100.0 * agreement.theirs());
        assertTrue(mean <= MAX_MEAN_DIFFERENCE, name + ": mean matte difference " + mean);
        if (agreement.theirs() >= 0.05) {
            assertTrue(iou >= MIN_IOU, name + ": IoU " + iou + " < " + MIN_IOU);
        }
    }
}
