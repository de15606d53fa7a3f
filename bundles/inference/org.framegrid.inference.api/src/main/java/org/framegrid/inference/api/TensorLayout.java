package org.framegrid.inference.api;

/** Where the channel axis of an image input sits. */
public enum TensorLayout {
    /** {@code [batch, channels, height, width]} (PyTorch, Paddle exports). */
    NCHW,
    /** {@code [batch, height, width, channels]} (TensorFlow exports). */
    NHWC
}
