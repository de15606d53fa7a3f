package org.framegrid.models.internal.tflite;

/**
 * TFLite's SAME/VALID padding as explicit ONNX pads. TFLite (like TensorFlow) puts the odd pixel of SAME padding at
 * the end (bottom/right), which is ONNX's SAME_UPPER; the converter writes the numbers out because the shapes are
 * static, which also covers dilation.
 */
final class Padding {

    static final boolean SAME = true;
    static final boolean VALID = false;

    private Padding() {
    }

    /** Output size of a convolution or pooling window along one axis. */
    static int outSize(boolean same, int in, int kernel, int stride, int dilation) {
        int effective = (kernel - 1) * dilation + 1;
        return same ? (in + stride - 1) / stride : (in - effective + stride) / stride;
    }

    /** Total padding of one axis (before + after); before = total / 2. */
    static int total(boolean same, int in, int kernel, int stride, int dilation) {
        if (!same) {
            return 0;
        }
        int effective = (kernel - 1) * dilation + 1;
        int out = outSize(true, in, kernel, stride, dilation);
        return Math.max((out - 1) * stride + effective - in, 0);
    }

    /** ONNX {@code pads} ({@code [top, left, bottom, right]}) of a 2-D window over an NHWC input. */
    static int[] pads(boolean same, int[] nhwc, int kernelH, int kernelW, int strideH, int strideW, int dilationH,
            int dilationW) {
        int h = total(same, nhwc[1], kernelH, strideH, dilationH);
        int w = total(same, nhwc[2], kernelW, strideW, dilationW);
        return new int[] {h / 2, w / 2, h - h / 2, w - w / 2};
    }

    /**
     * Pads and output padding of a transposed convolution from {@code in} to the declared {@code out} size along one
     * axis: {@code [begin, end, outputPadding]}. The full (uncropped) result is {@code (in - 1) * stride + kernel};
     * SAME crops what the matching forward convolution would have padded, the smaller half at the start, as
     * TFLite's TRANSPOSE_CONV does; VALID crops only at the end.
     */
    static int[] transposed(boolean same, int in, int out, int kernel, int stride) {
        int full = (in - 1) * stride + kernel;
        int begin = same ? total(true, out, kernel, stride, 1) / 2 : 0;
        int end = full - out - begin;
        int outputPadding = 0;
        if (end < 0) {
            outputPadding = -end;
            end = 0;
        }
        return new int[] {begin, end, outputPadding};
    }
}
