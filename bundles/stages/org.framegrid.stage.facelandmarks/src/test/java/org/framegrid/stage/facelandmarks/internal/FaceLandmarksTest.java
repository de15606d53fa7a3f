package org.framegrid.stage.facelandmarks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.framegrid.api.frame.Detection;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.testing.Fixtures;
import org.framegrid.testing.stages.StageRig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * face-landmarks with the converted MediaPipe model bundles (face-detection-short-range + face-landmark) on the real
 * ONNX Runtime backend and skimage's astronaut. The models themselves match TFLite's runtime to 1e-4 px (the model
 * build's reference check; MediaPipe's face_mesh solution cannot serve as an end-to-end reference here, it aborts in
 * this Chromium): these tests check the stage's region steps by the face's own geometry, which a wrong rotation,
 * scale or projection breaks.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FaceLandmarksTest {

    /** A point of her face in astronaut.png (SegmentTest: "her face is kept"). */
    private static final int FACE_X = 225;
    private static final int FACE_Y = 130;

    @RegisterExtension
    static final StageRig<FaceLandmarksProvider> rig = StageRig.onCpu(FaceLandmarksProvider::new, p -> {
        p.addModel(Fixtures.bundled("face-landmark"));
        p.addDetector(Fixtures.bundled("face-detection-short-range"));
    });

    @Test
    void theMeshLiesOnTheAstronautsFaceInItsOwnShape() throws Exception {
        BufferedImage astronaut = Fixtures.image("astronaut.png");
        rig.check(rig.frame(PixelFormat.RGB24, astronaut), Map.of("track", false), (stage, frame) -> {
            stage.process(frame);
            float[] p = ((FaceMeshTracker) stage).points();
            assertNotNull(frame.meta(FrameMeta.LINES), "the contours are attached");
            int lines = frame.meta(FrameMeta.LINES).items().size();
            assertTrue(lines > 100, lines + " contour lines");
            List<Detection> faces = frame.meta(FrameMeta.DETECTIONS).items();
            assertEquals(1, faces.size(), "one face");
            Detection face = faces.get(0);
            float x = FACE_X / 512f;
            float y = FACE_Y / 512f;
            assertTrue(face.x() < x && x < face.x() + face.width() && face.y() < y && y < face.y() + face.height(),
                    "the face box " + face + " holds her face");
            assertTrue(face.width() > 0.1 && face.width() < 0.5, "a face-sized box: " + face);
            // Her own geometry: she faces the camera, upright.
            float rightEyeX = p[2 * 33];
            float leftEyeX = p[2 * 263];
            float eyesY = (p[2 * 33 + 1] + p[2 * 263 + 1]) / 2;
            float noseX = p[2 * 1];
            float noseY = p[2 * 1 + 1];
            float mouthY = (p[2 * 13 + 1] + p[2 * 14 + 1]) / 2;
            float chinY = p[2 * 152 + 1];
            float foreheadY = p[2 * 10 + 1];
            System.out.printf("face-landmarks astronaut: eye corners x %.1f / %.1f at y %.1f, nose (%.1f, %.1f), "
                    + "mouth y %.1f, chin y %.1f, forehead y %.1f, presence %.3f%n", rightEyeX, leftEyeX, eyesY, noseX,
                    noseY, mouthY, chinY, foreheadY, face.score());
            assertTrue(rightEyeX < noseX && noseX < leftEyeX, "the nose between the eyes");
            assertTrue(foreheadY < eyesY && eyesY < noseY && noseY < mouthY && mouthY < chinY,
                    "forehead, eyes, nose, mouth, chin from top to bottom");
            double eyes = leftEyeX - rightEyeX;
            assertTrue(eyes > 20 && eyes < 120, "eye corners " + eyes + " px apart");
            assertTrue(face.score() > 0.9, "presence " + face.score());
        });
    }

    /**
     * MediaPipe's video mode: after the first frame the region comes from the landmarks, the detector rests. The
     * astronaut at twice her size in a 640x360 frame, her face in the middle (a person at a webcam: the short-range
     * detector is for faces within about 2 m).
     */
    @Test
    void trackingRunsTheDetectorOnlyToFindTheFace() throws Exception {
        BufferedImage astronaut = Fixtures.image("astronaut.png");
        rig.check(rig.frame(PixelFormat.BGR24, 640, 360, astronaut, -130, -80, 1024, 1024),
                Map.of(), (stage, frame) -> {
            float[] first = null;
            for (int i = 0; i < 5; i++) {
                stage.process(frame);
                assertNotNull(frame.meta(FrameMeta.LINES), "frame " + i + ": contours");
                float[] points = ((FaceMeshTracker) stage).points();
                if (first == null) {
                    first = points;
                }
                double shift = 0;
                for (int k = 0; k < FaceMeshTracker.LANDMARKS; k++) {
                    shift += Math.hypot(points[2 * k] - first[2 * k], points[2 * k + 1] - first[2 * k + 1]);
                }
                assertTrue(shift / FaceMeshTracker.LANDMARKS < 3, "frame " + i + ": landmarks moved "
                        + shift / FaceMeshTracker.LANDMARKS + " px on average");
            }
            assertEquals(1, ((FaceMeshTracker) stage).detectorRuns(), "the detector ran once, then tracking");
        });
    }

    @Test
    void noFaceNoContours() throws Exception {
        rig.assertFindsNothingOnAPageOfText("face");
    }
}
