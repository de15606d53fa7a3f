package org.framegrid.stage.faces.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.framegrid.api.frame.Detection;
import org.framegrid.api.frame.Detections;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.Stage;

import org.framegrid.inference.api.InferenceBackend;

import org.framegrid.inference.api.LoadedModel;

import org.framegrid.testing.Forwarding;
import org.framegrid.testing.Providers;
import org.framegrid.testing.stages.StageRig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** detect-faces with the real BlazeFace model bundle on the real ONNX Runtime backend. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DetectFacesTest {

    @RegisterExtension
    static final StageRig<DetectFacesProvider> rig = StageRig.onCpu(DetectFacesProvider::new,
            p -> p.addModel(Fixtures.model("blazeface-front")));

    /** The one face of the astronaut, in frame pixels: {x0, y0, x1, y1, score}. */
    private static float[] onlyFace(Frame frame) {
        Detections faces = frame.meta(FrameMeta.DETECTIONS);
        assertNotNull(faces, "detections attached");
        assertEquals(1, faces.items().size(), "exactly one face: " + faces);
        Detection d = faces.items().get(0);
        assertEquals("face", d.label());
        return new float[] {d.x() * frame.width(), d.y() * frame.height(), (d.x() + d.width()) * frame.width(),
                (d.y() + d.height()) * frame.height(), d.score()};
    }

    @ParameterizedTest
    @EnumSource(value = PixelFormat.class, names = {"RGB24", "BGR24", "RGBA"})
    void findsTheAstronautsFace(PixelFormat format) throws Exception {
        BufferedImage image = Fixtures.astronaut();
        rig.check(rig.frame(format, 512, 512, image, 0, 0, 512, 512), Map.of(), (stage, frame) -> {
            assertTrue(stage.process(frame) == frame, "a frame owned by the stage alone is annotated in place");
            float[] face = onlyFace(frame);
            float cx = (face[0] + face[2]) / 2;
            float cy = (face[1] + face[3]) / 2;
            System.out.printf("detect-faces %s astronaut: box (%.0f,%.0f)-(%.0f,%.0f) centre (%.0f,%.0f) score %.3f%n",
                    format, face[0], face[1], face[2], face[3], cx, cy, face[4]);
            assertTrue(face[4] > 0.8f, "score " + face[4]);
            assertTrue(Math.hypot(cx - Fixtures.FACE_X, cy - Fixtures.FACE_Y) < 35, "centre " + cx + "," + cy);
            float w = face[2] - face[0];
            assertTrue(w >= 70 && w <= 160, "face width " + w);
        });
    }

    @Test
    void findsTheFaceInALetterboxedWideFrame() throws Exception {
        BufferedImage image = Fixtures.astronaut();
        // 640x360, the image drawn 640x640 from y = -100 (as a wide camera crop would show it): the face is at
        // 1.25 * (225, 130) - (0, 100), about 116 px wide, so about 23 px of the 128 px input. (Drawn whole at
        // 360x360 it would be 13 px there: below what this short-range model finds.)
        rig.check(rig.frame(PixelFormat.RGB24, 640, 360, image, 0, -100, 640, 640), Map.of(), (stage, frame) -> {
            stage.process(frame);
            float[] face = onlyFace(frame);
            double ex = Fixtures.FACE_X * 1.25;
            double ey = Fixtures.FACE_Y * 1.25 - 100;
            System.out.printf("detect-faces 640x360 astronaut: box (%.0f,%.0f)-(%.0f,%.0f) score %.3f, expected "
                    + "centre (%.0f,%.0f)%n", face[0], face[1], face[2], face[3], face[4], ex, ey);
            assertTrue(face[4] > 0.8f, "score " + face[4]);
            assertTrue(Math.hypot((face[0] + face[2]) / 2 - ex, (face[1] + face[3]) / 2 - ey) < 35 * 1.25,
                    "box " + face[0] + "," + face[1] + " - " + face[2] + "," + face[3]);
        });
    }

    @Test
    void aBlankFrameHasNoFace() throws Exception {
        Stage stage = rig.start(PixelFormat.RGB24, Map.of());
        Frame frame = rig.pool().acquire(PixelFormat.RGB24, 640, 360);
        try {
            for (int i = 0; i < frame.data().limit(); i++) {
                frame.data().put(i, (byte) 128);
            }
            stage.process(frame);
            assertEquals(new Detections(List.of()), frame.meta(FrameMeta.DETECTIONS));
        } finally {
            frame.release();
            stage.stop();
        }
    }

    @Test
    void aSharedFrameIsAnnotatedOnACopy() throws Exception {
        BufferedImage image = Fixtures.astronaut();
        Stage stage = rig.start(PixelFormat.RGB24, Map.of());
        Frame frame = rig.frame(PixelFormat.RGB24, 512, 512, image, 0, 0, 512, 512);
        frame.retain();
        Frame out = stage.process(frame);
        try {
            assertTrue(out != frame, "copied");
            assertEquals(null, frame.meta(FrameMeta.DETECTIONS), "the shared frame is untouched");
            onlyFace(out);
        } finally {
            out.release();
            frame.release();
            frame.release();
            stage.stop();
        }
        assertEquals(0, rig.pool().outstanding());
    }

    @Test
    void liveThresholdsApplyAtTheNextFrame() throws Exception {
        BufferedImage image = Fixtures.astronaut();
        rig.check(rig.frame(PixelFormat.RGB24, 512, 512, image, 0, 0, 512, 512), Map.of(), (stage, frame) -> {
            stage.process(frame);
            float score = onlyFace(frame)[4];
            stage.update(Fixtures.properties(rig.provider(), Map.of("score-threshold", Math.min(1.0, score + 0.01))));
            stage.process(frame);
            assertEquals(List.of(), frame.meta(FrameMeta.DETECTIONS).items(), "threshold above the face's score");
        });
    }

    @Test
    void aMissingModelOrBackendFailsStartWithTheReason() throws Exception {
        IllegalStateException noModel = assertThrows(IllegalStateException.class,
                () -> rig.start(PixelFormat.RGB24, Map.of("model", "no-such-model")));
        assertTrue(noModel.getMessage().contains("no face-detection model named 'no-such-model'")
                && noModel.getMessage().contains("blazeface-front"), noModel.getMessage());

        DetectFacesProvider bare = new DetectFacesProvider();
        bare.addModel(Fixtures.model("blazeface-front"));
        IllegalStateException noBackend = assertThrows(IllegalStateException.class,
                () -> Fixtures.start(bare, rig.pool(), PixelFormat.RGB24, Map.of()));
        assertTrue(noBackend.getMessage().contains("no inference backend"), noBackend.getMessage());
    }

    @Test
    void aModelThatIsNotABlazeFaceExportIsRefusedAtStart() throws Exception {
        DetectFacesProvider p = new DetectFacesProvider();
        var lines = Fixtures.model("mlsd-tiny-320");
        p.addModel(lines);
        p.setBackend(Providers.cpuBackend());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.start(p, rig.pool(), PixelFormat.RGB24, Map.of("model", "mlsd-tiny-320")));
        assertTrue(e.getMessage().contains("model mlsd-tiny-320") && e.getMessage().contains("scores-16"),
                e.getMessage());
    }

    @Test
    void framesPassThroughCountedWhenTheBackendClosesTheModel() throws Exception {
        Forwarding<InferenceBackend> backend = Forwarding.to(InferenceBackend.class, Providers.cpuBackend());
        DetectFacesProvider p = new DetectFacesProvider();
        p.addModel(Fixtures.model("blazeface-front"));
        p.setBackend(backend.proxy());
        FaceDetector stage = (FaceDetector) Fixtures.start(p, rig.pool(), PixelFormat.RGB24, Map.of());
        Frame frame = rig.frame(PixelFormat.RGB24, 512, 512, Fixtures.astronaut(), 0, 0, 512, 512);
        try {
            stage.process(frame);
            assertEquals(1, frame.meta(FrameMeta.DETECTIONS).items().size());
            frame.meta(FrameMeta.DETECTIONS, null);
            // What SCR does when the backend bundle stops: its deactivate closes every model it loaded.
            backend.results("load", LoadedModel.class).forEach(LoadedModel::close);
            assertTrue(stage.process(frame) == frame, "passed through");
            assertEquals(null, frame.meta(FrameMeta.DETECTIONS), "no stale or empty detections attached");
            assertEquals(1, stage.bypassed());
        } finally {
            frame.release();
            stage.stop();
        }
    }

    @Test
    void anUnbindOfAReplacedBackendKeepsTheReplacement() {
        DetectFacesProvider p = new DetectFacesProvider();
        InferenceBackend first = Providers.cpuBackend();
        InferenceBackend second = Providers.cpuBackend();
        p.setBackend(first);
        p.setBackend(second); // GREEDY: the better one is bound before the old one is unbound
        p.unsetBackend(first);
        assertTrue(p.models().backend() == second);
        p.unsetBackend(second);
        assertEquals(null, p.models().backend());
    }
}
