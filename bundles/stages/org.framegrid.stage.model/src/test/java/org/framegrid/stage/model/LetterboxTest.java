package org.framegrid.stage.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.FloatBuffer;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FramePool;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.inference.api.ColorOrder;
import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.Normalization;
import org.framegrid.inference.api.SizeRule;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorLayout;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.junit.jupiter.api.Test;

/** Fitting a frame into the square input and mapping results back. */
class LetterboxTest {

    private static final Normalization BLAZEFACE = new Normalization(1 / 127.5f, new float[] {1}, new float[] {1});

    /** A 128x128 image input in {@code layout} and {@code order}, normalised as BlazeFace's. */
    static ImageInput input(TensorLayout layout, ColorOrder order) {
        return new ImageInput("in", layout, SizeRule.fixed(128, 128), order, BLAZEFACE);
    }

    @Test
    void aWideFrameIsScaledToTheWidthAndPaddedAboveAndBelow() {
        Letterbox box = Letterbox.of(640, 360, 128);
        assertEquals(0.2f, box.scale(), 1e-6f);
        assertEquals(0f, box.padX(), 1e-4f);
        assertEquals(28f, box.padY(), 1e-4f);
        Letterbox tall = Letterbox.of(360, 640, 128);
        assertEquals(28f, tall.padX(), 1e-4f);
        assertEquals(0f, tall.padY(), 1e-4f);
    }

    @Test
    void frameToInputAndBackIsTheIdentity() {
        for (int[] size : new int[][] {{640, 360}, {360, 640}, {512, 512}, {1920, 1080}, {33, 17}}) {
            Letterbox box = Letterbox.of(size[0], size[1], 128);
            for (float x : new float[] {0, 1, size[0] / 3f, size[0]}) {
                assertEquals(x, box.frameX(box.inputX(x)), 1e-3f * size[0]);
            }
            for (float y : new float[] {0, 1, size[1] / 3f, size[1]}) {
                assertEquals(y, box.frameY(box.inputY(y)), 1e-3f * size[1]);
            }
            // The frame's corners land on the edges of the image area inside the input.
            assertEquals(box.padX() / 128, box.inputX(0), 1e-6f);
            assertEquals(1 - box.padY() / 128, box.inputY(size[1]), 1e-6f);
        }
    }

    @Test
    void theInputHoldsTheNormalisedImageBetweenBlackBars() {
        try (EmbeddedEngine engine = new EmbeddedEngine(60_000, false)) {
            FramePool pool = engine.pool();
            Frame frame = pool.acquire(PixelFormat.RGB24, 640, 360);
            for (int i = 0; i < 640 * 360; i++) {
                frame.data().put(3 * i, (byte) 255).put(3 * i + 1, (byte) 0).put(3 * i + 2, (byte) 51);
            }
            Tensor tensor = Tensor.allocate(ElementType.FLOAT32, 1, 128, 128, 3);
            ImageInputWriter writer = new ImageInputWriter(input(TensorLayout.NHWC, ColorOrder.RGB));
            assertEquals(Letterbox.of(640, 360, 128), writer.letterbox(frame, tensor));
            FloatBuffer input = tensor.floats();
            // Rows 0..27 and 100..127 are padding: black, -1 after v / 127.5 - 1.
            for (int v : new int[] {0, 27, 100, 127}) {
                assertEquals(-1f, input.get((v * 128 + 64) * 3), 1e-6f, "pad row " + v);
            }
            for (int v : new int[] {28, 64, 99}) {
                int at = (v * 128 + 5) * 3;
                assertEquals(1f, input.get(at), 1e-6f, "red, row " + v);
                assertEquals(-1f, input.get(at + 1), 1e-6f, "green");
                assertEquals(51 / 127.5f - 1, input.get(at + 2), 1e-6f, "blue");
            }
            // A BGR model gets the channels swapped; an NCHW model gets planes.
            Tensor nchw = Tensor.allocate(ElementType.FLOAT32, 1, 3, 128, 128);
            new ImageInputWriter(input(TensorLayout.NCHW, ColorOrder.BGR)).letterbox(frame, nchw);
            FloatBuffer planes = nchw.floats();
            assertEquals(51 / 127.5f - 1, planes.get(64 * 128 + 5), 1e-6f, "blue plane first");
            assertEquals(1f, planes.get(2 * 128 * 128 + 64 * 128 + 5), 1e-6f, "red plane last");
            frame.release();
        }
    }
}
