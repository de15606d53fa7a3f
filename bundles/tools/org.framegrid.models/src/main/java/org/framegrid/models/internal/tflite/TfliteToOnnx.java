package org.framegrid.models.internal.tflite;

import java.util.Objects;

/**
 * Converts a TFLite flatbuffer (schema version 3, float or fp16-weight models such as MediaPipe's) into an ONNX model
 * (opset {@value #OPSET}) that ONNX Runtime runs with the same numbers.
 *
 * <p>Layout: TFLite is NHWC. Inside the ONNX graph every rank-4 tensor is NCHW (what ONNX's Conv, pooling and Resize
 * expect); the rank-4 inputs and outputs are transposed once at the graph's edges, so the model keeps TFLite's input
 * and output names and, with {@link Layout#NHWC}, TFLite's shapes too. Input normalisation is not part of a TFLite
 * graph and is not added: the caller feeds what the TFLite model expects (for MediaPipe, RGB floats in 0..1 or -1..1,
 * see FINDINGS.md).
 *
 * <p>Operators without an ONNX mapping make {@link #convert} throw {@link UnsupportedOperatorException}, which names
 * the operator and where it is.
 */
public final class TfliteToOnnx {

    /** The ONNX operator set the converted graph imports. */
    public static final int OPSET = 17;

    /** The layout of the converted model's rank-4 inputs and outputs. */
    public enum Layout {
        /** As in the TFLite model: {@code [N,H,W,C]}. */
        NHWC,
        /** {@code [N,C,H,W]}, as most ONNX vision models take; saves the edge transposes. */
        NCHW
    }

    /**
     * Conversion options.
     *
     * @param ioLayout layout of rank-4 graph inputs and outputs
     */
    public record Options(Layout ioLayout) {

        public Options {
            Objects.requireNonNull(ioLayout, "ioLayout");
        }

        /** TFLite's own I/O layout (NHWC). */
        public static Options defaults() {
            return new Options(Layout.NHWC);
        }
    }

    private TfliteToOnnx() {
    }

    /**
     * Converts one TFLite model.
     *
     * @param tflite the {@code .tflite} file's bytes
     * @param options conversion options
     * @return the ONNX model's bytes (a serialized {@code ModelProto})
     * @throws UnsupportedOperatorException if the model uses an operator (or operator variant) with no mapping
     * @throws IllegalArgumentException if the bytes are not a TFLite model this converter can read
     */
    public static byte[] convert(byte[] tflite, Options options) {
        Objects.requireNonNull(tflite, "tflite");
        Objects.requireNonNull(options, "options");
        return new GraphConverter(TfliteModel.read(tflite), options).convert();
    }
}
