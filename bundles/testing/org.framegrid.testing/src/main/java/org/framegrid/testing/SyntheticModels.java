package org.framegrid.testing;

import java.util.List;

/**
 * Tiny models of the standard public signatures, written at test time with {@link OnnxWriter}. Their outputs are
 * simple functions of the input, so tests can compute the expected result independently.
 */
public final class SyntheticModels {

    private SyntheticModels() {
    }

    /**
     * A "depth" model of the Depth-Anything / MiDaS export signature: {@code image [1,3,H,W]} (symbolic H, W) →
     * {@code depth}, the mean over the channels, as {@code [1,1,H,W]} ({@code keepChannel}) or {@code [1,H,W]}.
     */
    public static byte[] depth(boolean keepChannel) {
        OnnxWriter w = new OnnxWriter(13).input("image", 1L, 3L, "H", "W");
        if (keepChannel) {
            w.output("depth", 1L, 1L, "H", "W");
        } else {
            w.output("depth", 1L, "H", "W");
        }
        return w.node("ReduceMean", List.of("image"), List.of("depth"), "axes", new long[] {1}, "keepdims",
                keepChannel ? 1L : 0L).toByteArray();
    }

    /** An image-to-image "style": {@code image [1,3,H,W]} → {@code styled = 1 - image} (an invert for 0..1 input). */
    public static byte[] invert() {
        return new OnnxWriter(13).input("image", 1L, 3L, "H", "W").output("styled", 1L, 3L, "H", "W")
                .constant("one", new float[] {1f})
                .node("Sub", List.of("one", "image"), List.of("styled")).toByteArray();
    }

    /**
     * A two-input model for the generic tensor stage: {@code image [1,3,H,W]} and {@code gain [1,3,1,1]} →
     * {@code scaled = image * gain} and {@code mean = ReduceMean(image)} over all axes, {@code [1,1,1,1]}.
     */
    public static byte[] gain() {
        return new OnnxWriter(13).input("image", 1L, 3L, "H", "W").input("gain", 1L, 3L, 1L, 1L)
                .output("scaled", 1L, 3L, "H", "W").output("mean", 1L, 1L, 1L, 1L)
                .node("Mul", List.of("image", "gain"), List.of("scaled"))
                .node("ReduceMean", List.of("image"), List.of("mean"), "keepdims", 1L).toByteArray();
    }
}
