package org.framegrid.stage.hands.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.framegrid.api.frame.Detection;
import org.framegrid.api.frame.Detections;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.Line;
import org.framegrid.api.frame.Lines;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.Stage;
import org.framegrid.testing.Fixtures;
import org.framegrid.testing.Providers;
import org.framegrid.testing.stages.StageRig;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * hands with the converted MediaPipe model bundles (palm detection, hand landmarks) on the real ONNX Runtime backend,
 * on real photographs of a hand: OpenCV's tutorial pictures handSrc.jpg and handDst.jpg (Debian's opencv-doc), as none
 * of the other test images shows a hand the palm detector finds (astronaut's and person.jpg's are gloved and small).
 * MediaPipe's own hands solution is not run here (the browser check runs the hand models' raw outputs only), so the
 * checks are what must hold of any right answer: the fingers point away from the wrist; the landmarks turn and mirror
 * with the picture; a mirrored hand changes handedness; the landmarks hold still on a still picture.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HandsTest {

    private static final int[] ROOTS = {1, 5, 9, 13, 17};
    private static final int[] TIPS = {4, 8, 12, 16, 20};

    @RegisterExtension
    static final StageRig<HandsProvider> rig = StageRig.onCpu(HandsProvider::new, p -> {
        p.addModel(Fixtures.bundled("hand-landmark-lite"));
        p.addModel(Fixtures.bundled("hand-landmark-full"));
        p.addDetector(Fixtures.bundled("palm-detection-lite"));
        p.addDetector(Fixtures.bundled("palm-detection-full"));
    });

    /** The open right hand, palm to the camera: found, right-handed, every finger pointing away from the wrist. */
    @TestFactory
    Stream<DynamicTest> anOpenHandIsFoundWithItsFingers() {
        return Stream.of("palm-detection-lite", "palm-detection-full").flatMap(detector -> Stream.of("handSrc.jpg",
                "handDst.jpg").map(name -> DynamicTest.dynamicTest(name + " " + detector, () -> {
                    BufferedImage image = Fixtures.image(name);
                    Result hand = run(image, Map.of("detector", detector));
                    assertNotNull(hand.points, name + ": a hand");
                    assertEquals(HandSkeleton.BONES.length, hand.lines, name + ": the skeleton's bones");
                    assertEquals("hand", hand.box.label());
                    assertEquals(HandSkeleton.RIGHT, hand.box.classId(), name + ": a right hand");
                    assertTrue(hand.box.width() * hand.box.height() > 0.25, name + ": the hand fills the picture: "
                            + hand.box);
                    float[] p = hand.points;
                    for (int f = 0; f < 5; f++) {
                        double root = Math.hypot(p[2 * ROOTS[f]] - p[0], p[2 * ROOTS[f] + 1] - p[1]);
                        double tip = Math.hypot(p[2 * TIPS[f]] - p[0], p[2 * TIPS[f] + 1] - p[1]);
                        System.out.printf("hands %s %s: finger %d root %.0f px, tip %.0f px from the wrist%n", name,
                                detector, f, root, tip);
                        assertTrue(tip > 1.4 * root, name + ": finger " + f + "'s tip " + tip
                                + " px from the wrist, its root " + root);
                    }
                })));
    }

    /** The picture turned a quarter clockwise: the region turns with it, the landmarks land where they turned to. */
    @Test
    void turnedAQuarterTheLandmarksTurnToo() throws Exception {
        BufferedImage image = Fixtures.image("handSrc.jpg");
        int h = image.getHeight();
        BufferedImage turned = transformed(image, new AffineTransform(0, 1, -1, 0, h, 0), h, image.getWidth());
        float[] straight = run(image, Map.of()).points;
        float[] ours = run(turned, Map.of()).points;
        assertNotNull(ours, "the turned hand is found");
        double mean = 0;
        for (int i = 0; i < 21; i++) {
            double x = h - straight[2 * i + 1];
            double y = straight[2 * i];
            mean += Math.hypot(ours[2 * i] - x, ours[2 * i + 1] - y) / 21;
        }
        System.out.printf("hands handSrc turned a quarter: landmarks %.2f px from the turned ones on average%n", mean);
        assertTrue(mean < 0.02 * image.getWidth(), "mean distance " + mean + " px");
    }

    /** Mirrored, the right hand is a left one, unless the stage is told the video is mirrored. */
    @Test
    void aMirroredHandIsTheOtherHand() throws Exception {
        BufferedImage image = Fixtures.image("handSrc.jpg");
        int w = image.getWidth();
        BufferedImage mirror = transformed(image, new AffineTransform(-1, 0, 0, 1, w, 0), w, image.getHeight());
        Result plain = run(image, Map.of());
        Result mirrored = run(mirror, Map.of());
        assertEquals(HandSkeleton.LEFT, mirrored.box.classId(), "the mirror image of a right hand is a left hand");
        assertEquals(HandSkeleton.RIGHT, run(mirror, Map.of("mirrored", true)).box.classId(),
                "in a mirrored video it is the person's right hand");
        double mean = 0;
        for (int i = 0; i < 21; i++) {
            mean += Math.hypot(mirrored.points[2 * i] - (w - plain.points[2 * i]),
                    mirrored.points[2 * i + 1] - plain.points[2 * i + 1]) / 21;
        }
        System.out.printf("hands handSrc mirrored: landmarks %.2f px from the mirrored ones on average%n", mean);
        assertTrue(mean < 0.02 * w, "mean distance " + mean + " px");
    }

    /** MediaPipe's video mode: the palm detector finds the hand once, then the landmarks give the region. */
    @Test
    void trackingRunsThePalmDetectorOnlyToFindTheHand() throws Exception {
        BufferedImage image = Fixtures.image("handSrc.jpg");
        rig.check(rig.frame(PixelFormat.BGR24, image), Map.of("smooth", false), (stage, frame) -> {
            float[] first = null;
            for (int i = 0; i < 5; i++) {
                stage.process(frame);
                assertNotNull(frame.meta(FrameMeta.LINES), "frame " + i + ": the skeleton");
                float[] points = ((HandTracker) stage).points();
                first = first == null ? points : first;
                double shift = 0;
                for (int k = 0; k < 21; k++) {
                    shift += Math.hypot(points[2 * k] - first[2 * k], points[2 * k + 1] - first[2 * k + 1]) / 21;
                }
                assertTrue(shift < 8, "frame " + i + ": landmarks moved " + shift + " px on average");
            }
            assertEquals(1, ((HandTracker) stage).detectorRuns(), "the palm detector ran once, then tracking");
        });
    }

    /**
     * The same picture with fresh sensor noise in every frame: the landmarks jitter; smoothed (MediaPipe's One Euro
     * filter) they jitter less. Then the hand moves across the frame: smoothed, the landmarks follow it.
     */
    @Test
    void smoothingStillsJitterAndFollowsMotion() throws Exception {
        BufferedImage image = Fixtures.image("handSrc.jpg");
        double raw = jitter(image, false);
        double smooth = jitter(image, true);
        System.out.printf("hands handSrc with noise, 30 frames: landmarks move %.3f px a frame raw, %.3f px smoothed%n",
                raw, smooth);
        assertTrue(raw > 0.05, "the noise moves the raw landmarks: " + raw + " px");
        assertTrue(smooth < 0.6 * raw, "smoothed jitter " + smooth + " px against " + raw + " px raw");

        int step = 6;
        float[] followed = moving(image, step, true);
        float[] truth = moving(image, step, false);
        double lag = 0;
        for (int i = 0; i < 21; i++) {
            lag += (truth[2 * i] - followed[2 * i]) / 21;
        }
        System.out.printf("hands moving %d px a frame: smoothed landmarks %.2f px behind the raw ones%n", step, lag);
        assertTrue(Math.abs(lag) < 1.5, "the smoothed landmarks are " + lag + " px behind the moving hand");
    }

    /** @return the landmarks in the last of 20 frames of {@code image} moving {@code step} px right a frame */
    private static float[] moving(BufferedImage image, int step, boolean smooth) throws Exception {
        Stage stage = rig.start(PixelFormat.RGB24, Map.of("smooth", smooth));
        float[] followed = null;
        int frames = 20;
        try {
            for (int i = 0; i < frames; i++) {
                Frame frame = rig.frame(PixelFormat.RGB24, 800, 480, image, i * step, 0, 640, 480);
                frame.pts(i * 33_333_333L);
                try {
                    stage.process(frame);
                    followed = ((HandTracker) stage).points();
                } finally {
                    frame.release();
                }
            }
        } finally {
            stage.stop();
        }
        return followed;
    }

    /**
     * @return how far the landmarks move from one frame to the next on average (pixels), over 30 frames of
     *     {@code image} with fresh noise (the first 5 left out: the filter starts)
     */
    private static double jitter(BufferedImage image, boolean smooth) throws Exception {
        Random random = new Random(20);
        Stage stage = rig.start(PixelFormat.RGB24, Map.of("smooth", smooth));
        int n = 30;
        int warmUp = 5;
        float[] last = null;
        double moved = 0;
        try {
            for (int i = 0; i < n; i++) {
                Frame frame = rig.frame(PixelFormat.RGB24, image);
                frame.pts(i * 33_333_333L);
                var data = frame.data();
                for (int k = 0; k < image.getWidth() * image.getHeight() * 3; k++) {
                    int v = (data.get(k) & 0xff) + random.nextInt(25) - 12;
                    data.put(k, (byte) Math.clamp(v, 0, 255));
                }
                try {
                    stage.process(frame);
                    float[] p = ((HandTracker) stage).points();
                    for (int k = 0; i > warmUp && k < 21; k++) {
                        moved += Math.hypot(p[2 * k] - last[2 * k], p[2 * k + 1] - last[2 * k + 1]) / 21;
                    }
                    last = p;
                } finally {
                    frame.release();
                }
            }
        } finally {
            stage.stop();
        }
        return moved / (n - warmUp - 1);
    }

    /**
     * Landmark stages in a row (face mesh, pose, hands) each add their lines and box to what the frame carries; a
     * frame analysed again gets this stage's items replaced, not doubled.
     */
    @Test
    void theSkeletonIsAddedToWhatEarlierStagesAttached() throws Exception {
        Stage stage = rig.start(PixelFormat.RGB24, Map.of());
        Frame frame = rig.frame(PixelFormat.RGB24, Fixtures.image("handSrc.jpg"));
        Line faceLine = new Line(0.1f, 0.1f, 0.2f, 0.2f, 0xFFFFFFFF, "face");
        Detection face = new Detection(0.1f, 0.1f, 0.1f, 0.1f, 0, "face", 0.9f, -1);
        frame.meta(FrameMeta.LINES, new Lines(List.of(faceLine)));
        frame.meta(FrameMeta.DETECTIONS, new Detections(List.of(face)));
        try {
            for (int i = 0; i < 2; i++) {
                stage.process(frame);
                List<Line> lines = frame.meta(FrameMeta.LINES).items();
                List<Detection> boxes = frame.meta(FrameMeta.DETECTIONS).items();
                assertEquals(1 + HandSkeleton.BONES.length, lines.size(), "pass " + i + ": the face's and the hand's");
                assertEquals(faceLine, lines.get(0));
                assertTrue(lines.stream().skip(1).allMatch(l -> "hand".equals(l.label())), "the bones are the hand's");
                assertEquals(2, boxes.size(), "pass " + i + ": the face and the hand");
                assertEquals(face, boxes.get(0));
                assertEquals("hand", boxes.get(1).label());
            }
        } finally {
            frame.release();
            stage.stop();
        }
    }

    @Test
    void noHandNoSkeletonAndThePalmDetectorKeepsLooking() throws Exception {
        rig.assertFindsNothingOnAPageOfText("hand");
    }

    @Test
    void aPalmDetectorInPlaceOfTheLandmarkModelIsRefusedAtStart() throws Exception {
        HandsProvider p = new HandsProvider();
        Fixtures.MemoryModel detector = Fixtures.bundled("palm-detection-lite");
        var d = detector.descriptor();
        var relabelled = new org.framegrid.inference.api.ModelDescriptor(d.name(), d.version(), "hand-landmarks",
                d.input(), d.outputs(), d.license(), new HashMap<>(d.properties()));
        p.addModel(new Fixtures.MemoryModel(relabelled, detector.bytes(), Map.of(), detector.origin()));
        p.addDetector(detector);
        p.setBackend(Providers.cpuBackend());
        rig.assertRefusesModelWithout(p, "model", "palm-detection-lite", "landmarks");
    }

    /** @return {@code image} drawn through {@code transform} (exact: quarter turns and mirrors) on a new image */
    private static BufferedImage transformed(BufferedImage image, AffineTransform transform, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = out.createGraphics();
        g.drawImage(image, transform, null);
        g.dispose();
        return out;
    }

    private record Result(float[] points, int lines, Detection box) {
    }

    /** @return one frame of {@code image} through a fresh stage (detector on it, no tracking): landmarks, lines, box */
    private static Result run(BufferedImage image, Map<String, Object> values) throws Exception {
        Map<String, Object> all = new HashMap<>(values);
        all.put("track", false);
        Stage stage = rig.start(PixelFormat.RGB24, all);
        Frame frame = rig.frame(PixelFormat.RGB24, image);
        try {
            stage.process(frame);
            List<Detection> hands = frame.meta(FrameMeta.DETECTIONS).items();
            if (hands.isEmpty()) {
                return new Result(null, 0, null);
            }
            Lines lines = frame.meta(FrameMeta.LINES);
            return new Result(((HandTracker) stage).points(), lines.items().size(), hands.get(0));
        } finally {
            frame.release();
            stage.stop();
        }
    }
}
