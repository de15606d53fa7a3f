package org.framegrid.models.internal.tflite;

/**
 * Shape arithmetic and the NHWC (TFLite) to NCHW (ONNX, inside the converted graph) layout mapping of rank-4 tensors.
 */
final class Shapes {

    /** Transpose permutation that turns an NHWC tensor into NCHW. */
    static final int[] TO_NCHW = {0, 3, 1, 2};
    /** Transpose permutation that turns an NCHW tensor into NHWC. */
    static final int[] TO_NHWC = {0, 2, 3, 1};

    private Shapes() {
    }

    static int size(int[] shape) {
        int size = 1;
        for (int dim : shape) {
            size = Math.multiplyExact(size, dim);
        }
        return size;
    }

    /** {@code shape} permuted: result[i] = shape[perm[i]] (ONNX Transpose semantics). */
    static int[] permute(int[] shape, int[] perm) {
        int[] result = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            result[i] = shape[perm[i]];
        }
        return result;
    }

    /** The NCHW axis of NHWC axis {@code axis} (negative axes count from the end). */
    static int nchwAxis(int axis) {
        int positive = axis < 0 ? axis + 4 : axis;
        return switch (positive) {
            case 0 -> 0;
            case 1 -> 2;
            case 2 -> 3;
            case 3 -> 1;
            default -> throw new IllegalArgumentException("axis " + axis + " of a rank-4 tensor");
        };
    }

    /** {@code shape} with leading 1s up to rank 4 (numpy broadcasting aligns the trailing dimensions). */
    static int[] toRank4(int[] shape) {
        if (shape.length > 4) {
            throw new IllegalArgumentException("rank " + shape.length + " where at most 4 is supported");
        }
        int[] result = {1, 1, 1, 1};
        System.arraycopy(shape, 0, result, 4 - shape.length, shape.length);
        return result;
    }

    /** Row-major {@code data} of {@code shape} transposed by {@code perm} (ONNX Transpose semantics). */
    static float[] permute(float[] data, int[] shape, int[] perm) {
        int rank = shape.length;
        int[] outShape = permute(shape, perm);
        int[] inStrides = strides(shape);
        // stride in the input of each output axis
        int[] strideOfOut = new int[rank];
        for (int i = 0; i < rank; i++) {
            strideOfOut[i] = inStrides[perm[i]];
        }
        float[] out = new float[data.length];
        int[] index = new int[rank];
        int source = 0;
        for (int o = 0; o < out.length; o++) {
            out[o] = data[source];
            for (int axis = rank - 1; axis >= 0; axis--) {
                index[axis]++;
                source += strideOfOut[axis];
                if (index[axis] < outShape[axis]) {
                    break;
                }
                source -= strideOfOut[axis] * index[axis];
                index[axis] = 0;
            }
        }
        return out;
    }

    static int[] strides(int[] shape) {
        int[] strides = new int[shape.length];
        int stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= shape[i];
        }
        return strides;
    }

    static long[] longs(int[] values) {
        long[] result = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }
}
