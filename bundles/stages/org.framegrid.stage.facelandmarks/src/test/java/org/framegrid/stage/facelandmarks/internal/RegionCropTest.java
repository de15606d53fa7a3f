package org.framegrid.stage.facelandmarks.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Random;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FramePool;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.stage.vision.Region;
import org.framegrid.stage.vision.RegionCrop;
import org.framegrid.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The region crop reads only the frame rows a region reaches, and treats the outside of the frame as black: a region
 * of a frame crops exactly as the same region of that frame set in a larger black one (where nothing is outside), for
 * regions inside, turned, and reaching over every edge.
 */
class RegionCropTest {

    private static final int PAD = 200;

    @ParameterizedTest(name = "{0} frame, region ({1}, {2}) side {3}, rotation {4}")
    @CsvSource({"RGB24, 320, 180, 150, 0", "RGB24, 320, 180, 150, 0.785", "RGB24, 40, 20, 200, 0.3",
        "RGB24, 600, 350, 180, -2.5", "BGR24, 320, 10, 120, 1.2", "RGBA, 100, 300, 300, 0.785"})
    void aRegionCropsAsInTheFrameSetInBlack(PixelFormat format, double cx, double cy, double side, double rotation)
            throws Exception {
        ImageInput spec = Fixtures.bundled("face-landmark").descriptor().input();
        int size = spec.size().width();
        try (EmbeddedEngine engine = new EmbeddedEngine(60_000, false)) {
            FramePool pool = engine.pool();
            int w = 640;
            int h = 360;
            Frame frame = pool.acquire(format, w, h);
            Frame larger = pool.acquire(format, w + 2 * PAD, h + 2 * PAD);
            int bpp = format.elementBytes(0);
            Random random = new Random(7);
            ByteBuffer big = larger.data();
            byte[] black = new byte[(w + 2 * PAD) * bpp];
            for (int y = 0; y < h + 2 * PAD; y++) {
                big.put(larger.offset(0) + y * larger.stride(0), black);
            }
            byte[] line = new byte[w * bpp];
            for (int y = 0; y < h; y++) {
                random.nextBytes(line);
                frame.data().put(frame.offset(0) + y * frame.stride(0), line);
                big.put(larger.offset(0) + (y + PAD) * larger.stride(0) + PAD * bpp, line);
            }
            FloatBuffer cropped = FloatBuffer.allocate(3 * size * size);
            FloatBuffer expected = FloatBuffer.allocate(3 * size * size);
            new RegionCrop(spec, size).write(frame, new Region(cx, cy, side, rotation), cropped);
            new RegionCrop(spec, size).write(larger, new Region(cx + PAD, cy + PAD, side, rotation), expected);
            assertArrayEquals(expected.array(), cropped.array());
            frame.release();
            larger.release();
        }
    }
}
