package org.framegrid.inference.onnx.gpu.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The smallest ONNX model that makes the CUDA execution provider do real work: {@code y = x + x} over
 * {@code float[4]}. Encoded here as protobuf bytes so that the device probe needs no model file and no protobuf
 * library.
 */
final class ProbeModel {

    static final String INPUT = "x";
    static final String OUTPUT = "y";
    static final int LENGTH = 4;

    private static final int FLOAT = 1; // TensorProto.DataType.FLOAT
    private static final int IR_VERSION = 8;
    private static final int OPSET = 17;

    private ProbeModel() {
    }

    /** @return the serialised {@code ModelProto} */
    static byte[] bytes() {
        byte[] node = new Proto().string(1, INPUT).string(1, INPUT).string(2, OUTPUT).string(4, "Add").bytes();
        byte[] graph = new Proto().message(1, node).string(2, "framegrid-cuda-probe")
                .message(11, valueInfo(INPUT)).message(12, valueInfo(OUTPUT)).bytes();
        byte[] opset = new Proto().string(1, "").varint(2, OPSET).bytes();
        return new Proto().varint(1, IR_VERSION).message(7, graph).message(8, opset).bytes();
    }

    /** {@code ValueInfoProto { name, type { tensor_type { elem_type: FLOAT, shape { dim { dim_value: 4 } } } } }} */
    private static byte[] valueInfo(String name) {
        byte[] dim = new Proto().varint(1, LENGTH).bytes();
        byte[] shape = new Proto().message(1, dim).bytes();
        byte[] tensor = new Proto().varint(1, FLOAT).message(2, shape).bytes();
        byte[] type = new Proto().message(1, tensor).bytes();
        return new Proto().string(1, name).message(2, type).bytes();
    }

    /** Just the protobuf wire format this model needs: varints and length-delimited fields. */
    private static final class Proto {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            raw(field << 3);
            raw(value);
            return this;
        }

        Proto string(int field, String value) {
            return message(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, byte[] value) {
            raw(field << 3 | 2);
            raw(value.length);
            out.writeBytes(value);
            return this;
        }

        private void raw(long value) {
            while ((value & ~0x7fL) != 0) {
                out.write((int) (value & 0x7f) | 0x80);
                value >>>= 7;
            }
            out.write((int) value);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
