package org.framegrid.stage.tensor.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.FrameTensor;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.frame.Tensors;
import org.framegrid.api.stage.Stage;
import org.framegrid.testing.Fixtures;
import org.framegrid.testing.SyntheticModels;
import org.framegrid.testing.stages.StageRig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * tensor with a synthetic two-input model ({@code scaled = image * gain}, {@code mean = mean(image)}) written at
 * test time: the image comes from the frame, {@code gain} from the frame's tensors.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TensorStageTest {

    @RegisterExtension
    static final StageRig<TensorProvider> rig = StageRig.onCpu(TensorProvider::new, p -> {
        p.addModel(Fixtures.synthetic("gain", "1.0.0", "custom", SyntheticModels.gain(), "image", Map.of(),
                "scaled", "scaled", "mean", "mean"));
    });

    /** A 64x32 frame: left half (R,G,B) = (51, 102, 153), right half (255, 0, 0). */
    private static Frame frame() {
        Frame frame = rig.pool().acquire(PixelFormat.RGB24, 64, 32);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 64; x++) {
                int at = frame.offset(0) + y * frame.stride(0) + 3 * x;
                frame.data().put(at, (byte) (x < 32 ? 51 : 255));
                frame.data().put(at + 1, (byte) (x < 32 ? 102 : 0));
                frame.data().put(at + 2, (byte) (x < 32 ? 153 : 0));
            }
        }
        return frame;
    }

    private static FrameTensor gain(float r, float g, float b) {
        ByteBuffer data = ByteBuffer.allocateDirect(12).order(ByteOrder.nativeOrder());
        data.asFloatBuffer().put(new float[] {r, g, b});
        return new FrameTensor("gain", new int[] {1, 3, 1, 1}, data);
    }

    @Test
    void imageFromTheFrameOtherInputsFromItsTensorsOutputsAttached() throws Exception {
        Stage stage = rig.start(PixelFormat.RGB24, Map.of("model", "gain", "size", 64));
        Frame frame = frame();
        FrameTensor upstream = gain(2, 0.5f, 10);
        frame.meta(FrameMeta.TENSORS, new Tensors(List.of(upstream)));
        try {
            assertTrue(stage.process(frame) == frame);
            Map<String, FrameTensor> got = new java.util.HashMap<>();
            frame.meta(FrameMeta.TENSORS).items().forEach(t -> got.put(t.name(), t));
            assertEquals(List.of("gain", "scaled", "mean"),
                    frame.meta(FrameMeta.TENSORS).items().stream().map(FrameTensor::name).toList(),
                    "the input is kept");
            FrameTensor scaled = got.get("scaled");
            assertArrayEquals(new int[] {1, 3, 32, 64}, scaled.shape());
            // Channel planes of 32x64; pixel (x=0, y=0) is in the left half: R 0.2 * 2, G 0.4 * 0.5, B 0.6 * 10.
            assertEquals(0.4f, scaled.data().getFloat(0), 1e-4);
            assertEquals(0.2f, scaled.data().getFloat(4 * 32 * 64), 1e-4);
            assertEquals(6f, scaled.data().getFloat(4 * 2 * 32 * 64), 1e-4);
            // Mean over everything: left (0.2 + 0.4 + 0.6) / 3 = 0.4, right 1/3; half each.
            assertEquals((0.4f + 1 / 3f) / 2, got.get("mean").data().getFloat(0), 1e-4);
        } finally {
            frame.release();
            stage.stop();
        }
    }

    @Test
    void chosenOutputsOnlyAndClearErrors() throws Exception {
        Stage stage = rig.start(PixelFormat.RGB24, Map.of("model", "gain", "outputs", "mean"));
        Frame frame = frame();
        try {
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> stage.process(frame));
            assertEquals("tensor: model gain from synthetic gain input gain FLOAT32 [1, 3, 1, 1]: the frame has no "
                    + "tensor 'gain' in its TENSORS metadata", missing.getMessage());
            frame.meta(FrameMeta.TENSORS, new Tensors(List.of(gain(1, 1, 1))));
            stage.process(frame);
            assertEquals(List.of("gain", "mean"),
                    frame.meta(FrameMeta.TENSORS).items().stream().map(FrameTensor::name).toList());
        } finally {
            frame.release();
            stage.stop();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fixtures.start(rig.provider(),
                rig.pool(), PixelFormat.RGB24, Map.of("model", "gain", "outputs", "mean,nope")));
        assertEquals("tensor: model gain from synthetic gain has no output 'nope'; outputs: [scaled, mean]",
                e.getMessage());
    }
}
