package org.framegrid.stage.image2image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.Stage;
import org.framegrid.testing.Fixtures;
import org.framegrid.testing.SyntheticModels;
import org.framegrid.testing.stages.StageRig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** image-to-image with a synthetic invert "style" ({@code 1 - x}) written at test time, on the real backend. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImageToImageTest {

    @RegisterExtension
    static final StageRig<ImageToImageProvider> rig = StageRig.onCpu(ImageToImageProvider::new, p -> {
        p.addModel(Fixtures.synthetic("invert", "1.0.0", "image-to-image", SyntheticModels.invert(), "image",
                Map.of(), "styled", "image"));
    });

    @Test
    void theAstronautComesOutInverted() throws Exception {
        BufferedImage astronaut = Fixtures.image("astronaut.png");
        rig.check(rig.frame(PixelFormat.RGBA, astronaut), Map.of("model", "invert"), (stage, frame) -> {
            long t0 = System.nanoTime();
            Frame out = stage.process(frame);
            System.out.printf("image-to-image 512x512 invert: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertTrue(out == frame, "same size: written in place");
            int worst = 0;
            for (int y = 0; y < 512; y += 7) {
                for (int x = 0; x < 512; x += 7) {
                    int expected = ~astronaut.getRGB(x, y) & 0xFFFFFF;
                    int actual = Fixtures.rgb(frame, x, y);
                    for (int shift = 0; shift <= 16; shift += 8) {
                        worst = Math.max(worst, Math.abs((expected >> shift & 0xff) - (actual >> shift & 0xff)));
                    }
                }
            }
            assertTrue(worst <= 1, "every sampled channel is 255 - input (within rounding): worst " + worst);
        });
    }

    @Test
    void withoutKeepSizeTheModelScaleDecidesTheFrameSize() throws Exception {
        // The invert model keeps the size: a 640x360 frame at a 320-wide input comes back 640x360 either way.
        Stage stage = rig.start(PixelFormat.RGB24, Map.of("model", "invert", "size", 320,
                "keep-size", false));
        Frame frame = rig.pool().acquire(PixelFormat.RGB24, 640, 360);
        for (int i = 0; i < frame.data().limit(); i++) {
            frame.data().put(i, (byte) 200);
        }
        try {
            Frame out = stage.process(frame);
            assertEquals(640, out.width());
            assertEquals(360, out.height());
            assertEquals(0x373737, Fixtures.rgb(out, 100, 100));
        } finally {
            frame.release();
            stage.stop();
        }
    }

    @Test
    void aModelWhoseOutputIsNotAnImageIsRefusedAtStart() throws Exception {
        ImageToImageProvider p = StageRig.cpu(new ImageToImageProvider(), q -> q.addModel(Fixtures.synthetic(
                "depthish", "1.0.0", "image-to-image", SyntheticModels.depth(true), "image", Map.of(), "depth", "image")));
        assertEquals("image-to-image: model depthish from synthetic depthish output depth FLOAT32 [1, 1, -1, -1] is "
                + "not an RGB image [1,3,H,W]", rig.refusedAtStart(p, Map.of("model", "depthish")));
    }
}
