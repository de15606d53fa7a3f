package org.framegrid.stage.depth.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.FrameTensor;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.testing.Providers;
import org.framegrid.testing.stages.StageRig;
import org.framegrid.stage.vision.ColorMap;
import org.framegrid.testing.Fixtures;
import org.framegrid.testing.SyntheticModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * depth with synthetic models of the standard depth signature ({@code [1,3,H,W]} → {@code [1,1,H,W]} or
 * {@code [1,H,W]}), written at test time, on the real ONNX Runtime backend. Their "depth" is the channel mean, so
 * the expected picture can be computed here independently.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DepthTest {

    @RegisterExtension
    static final StageRig<DepthProvider> rig = StageRig.onCpu(DepthProvider::new, p -> {
        p.addModel(Fixtures.synthetic("mean-depth-4d", "1.0.0", "depth-estimation", SyntheticModels.depth(true),
                "image", Map.of(), "depth", "depth"));
        p.addModel(Fixtures.synthetic("mean-depth-3d", "1.0.0", "depth-estimation",
                SyntheticModels.depth(false), "image", Map.of(), "depth", "depth"));
    });

    private static void assertColor(int expected, int actual, String what) {
        for (int shift = 0; shift <= 16; shift += 8) {
            assertTrue(Math.abs((expected >> shift & 0xff) - (actual >> shift & 0xff)) <= 12,
                    String.format("%s: expected %06x, got %06x", what, expected, actual));
        }
    }

    /** A grey ramp, dark on the left: the synthetic depth rises from left to right. */
    private static BufferedImage ramp(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            int v = 20 + 200 * x / (width - 1);
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return image;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mean-depth-4d", "mean-depth-3d"})
    void bothStandardOutputShapesGiveTheColourMappedRamp(String model) throws Exception {
        rig.check(rig.frame(PixelFormat.RGB24, ramp(640, 360)), Map.of("model", model, "size", 320), (stage, frame) -> {
            stage.process(frame);
            assertColor(ColorMap.TURBO.color(0), Fixtures.rgb(frame, 1, 180), "far left");
            assertColor(ColorMap.TURBO.color(0.5f), Fixtures.rgb(frame, 320, 180), "middle");
            assertColor(ColorMap.TURBO.color(1), Fixtures.rgb(frame, 638, 180), "near right");
            FrameTensor depth = frame.meta(FrameMeta.TENSORS).items().get(0);
            assertEquals("depth", depth.name());
            assertArrayEquals(new int[] {1, 1, 180, 320}, depth.shape(), "the map at model resolution");
            assertEquals(0f, depth.data().getFloat(0), 1e-3);
            assertEquals(1f, depth.data().getFloat(4 * 319), 1e-3);
        });
    }

    @Test
    void theAstronautAsBrightnessDepthMatchesAnIndependentComputation() throws Exception {
        BufferedImage astronaut = Fixtures.image("astronaut.png");
        rig.check(rig.frame(PixelFormat.BGR24, astronaut), Map.of("model", "mean-depth-4d",
                "size", 512, "colormap", "INFERNO", "near", "LOW"), (stage, frame) -> {
            long t0 = System.nanoTime();
            stage.process(frame);
            System.out.printf("depth 512x512 through the synthetic model: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            float[] mean = new float[512 * 512];
            for (int y = 0; y < 512; y++) {
                for (int x = 0; x < 512; x++) {
                    int rgb = astronaut.getRGB(x, y);
                    mean[y * 512 + x] = ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3f;
                    min = Math.min(min, mean[y * 512 + x]);
                    max = Math.max(max, mean[y * 512 + x]);
                }
            }
            for (int[] p : new int[][] {{225, 130}, {20, 20}, {400, 450}, {350, 200}, {100, 300}}) {
                float far = 1 - (mean[p[1] * 512 + p[0]] - min) / (max - min); // near LOW: bright = far
                assertColor(ColorMap.INFERNO.color(far), Fixtures.rgb(frame, p[0], p[1]), "pixel " + p[0] + "," + p[1]);
            }
        });
    }

    @Test
    void aModelThatDoesNotOutputOneMapIsRefusedAtStart() throws Exception {
        DepthProvider p = StageRig.cpu(new DepthProvider(), q -> q.addModel(Fixtures.synthetic("invert", "1.0.0",
                "depth-estimation", SyntheticModels.invert(), "image", Map.of(), "styled", "depth")));
        assertEquals("depth: model invert from synthetic invert output styled FLOAT32 [1, 3, -1, -1] is not one depth "
                + "map ([1,H,W] or [1,1,H,W])", rig.refusedAtStart(p, Map.of("model", "invert")));
    }

    @Test
    void aTruncatedModelFileIsAClearErrorAtStart() throws Exception {
        DepthProvider p = new DepthProvider();
        byte[] whole = SyntheticModels.depth(true);
        p.addModel(Fixtures.synthetic("cut", "1.0.0", "depth-estimation", java.util.Arrays.copyOf(whole,
                whole.length / 2), "image", Map.of(), "depth", "depth"));
        p.setBackend(Providers.cpuBackend());
        Exception e = assertThrows(Exception.class, () -> Fixtures.start(p, rig.pool(), PixelFormat.RGB24,
                Map.of("model", "cut")));
        System.out.println("depth truncated model: " + e);
        assertTrue(e.getMessage().contains("cut"), e.getMessage());
    }
}
