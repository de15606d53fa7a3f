package org.framegrid.models.internal.tflite;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.tensorflow.lite.schema.QuantizationParameters;
import org.tensorflow.lite.schema.TensorType;

/**
 * A constant tensor's values, decoded from its flatbuffer buffer (dense or sparse) or folded by the converter:
 * {@code floats} for float tensors (fp16 widened to fp32), {@code longs} for integer ones; the other is null.
 */
record Constant(int[] shape, float[] floats, long[] longs) {

    static Constant floats(int[] shape, float[] values) {
        return new Constant(shape, values, null);
    }

    static Constant longs(int[] shape, long[] values) {
        return new Constant(shape, null, values);
    }

    boolean isFloat() {
        return floats != null;
    }

    int size() {
        return isFloat() ? floats.length : longs.length;
    }

    /** The integer values as ints (shapes, sizes, paddings, axes). */
    int[] ints() {
        if (longs == null) {
            throw new IllegalArgumentException("expected an integer tensor, found floats");
        }
        return Arrays.stream(longs).mapToInt(Math::toIntExact).toArray();
    }

    /** The values of a tensor that has a non-empty buffer, or null for an activation tensor. */
    static Constant decode(TfliteModel.TensorInfo tensor) {
        if (tensor.data() == null) {
            return null;
        }
        ByteBuffer data = tensor.data().duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int width = width(tensor);
        int count = data.remaining() / width;
        float[] floats = null;
        long[] longs = null;
        switch (tensor.type()) {
            case TensorType.FLOAT32 -> floats = read(count, i -> data.getFloat(i * 4));
            case TensorType.FLOAT16 -> floats = read(count, i -> Float.float16ToFloat(data.getShort(i * 2)));
            case TensorType.FLOAT64 -> floats = read(count, i -> (float) data.getDouble(i * 8));
            case TensorType.INT32 -> longs = readLongs(count, i -> data.getInt(i * 4));
            case TensorType.INT64 -> longs = readLongs(count, i -> data.getLong(i * 8));
            case TensorType.INT16 -> longs = readLongs(count, i -> data.getShort(i * 2));
            case TensorType.INT8 -> longs = readLongs(count, i -> data.get(i));
            case TensorType.UINT8 -> longs = readLongs(count, i -> data.get(i) & 0xff);
            default -> throw new IllegalArgumentException("constant tensor '" + tensor.name() + "' has type "
                    + tensor.typeName() + ", which the converter does not read");
        }
        Constant raw = new Constant(tensor.shape(), floats, longs);
        if (tensor.sparsity() != null) {
            return Densify.toDense(raw, tensor.shape(), tensor.sparsity(), tensor.name());
        }
        int expected = Shapes.size(tensor.shape());
        if (raw.size() != expected) {
            throw new IllegalArgumentException("constant tensor '" + tensor.name() + "' holds " + raw.size()
                    + " values, its shape " + Arrays.toString(tensor.shape()) + " needs " + expected);
        }
        return raw;
    }

    /**
     * Integer values turned into real numbers with the tensor's affine quantization ({@code (q - zero) * scale}),
     * per tensor or per channel along {@code quantized_dimension}.
     */
    static Constant dequantize(Constant raw, QuantizationParameters q, String name) {
        if (raw.isFloat()) {
            return raw;
        }
        if (q == null || q.scaleLength() == 0) {
            throw new IllegalArgumentException("integer tensor '" + name + "' has no quantization scale");
        }
        int channels = q.scaleLength();
        int axis = q.quantizedDimension();
        int inner = 1;
        for (int d = axis + 1; d < raw.shape().length; d++) {
            inner *= raw.shape()[d];
        }
        float[] values = new float[raw.size()];
        for (int i = 0; i < values.length; i++) {
            int channel = channels == 1 ? 0 : (i / inner) % channels;
            long zero = q.zeroPointLength() > channel ? q.zeroPoint(channel) : 0;
            values[i] = (raw.longs()[i] - zero) * q.scale(channel);
        }
        return floats(raw.shape(), values);
    }

    private static int width(TfliteModel.TensorInfo tensor) {
        return switch (tensor.type()) {
            case TensorType.FLOAT64, TensorType.INT64 -> 8;
            case TensorType.FLOAT32, TensorType.INT32 -> 4;
            case TensorType.FLOAT16, TensorType.INT16 -> 2;
            default -> 1;
        };
    }

    private interface FloatAt {
        float at(int i);
    }

    private interface LongAt {
        long at(int i);
    }

    private static float[] read(int count, FloatAt at) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = at.at(i);
        }
        return values;
    }

    private static long[] readLongs(int count, LongAt at) {
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = at.at(i);
        }
        return values;
    }
}
