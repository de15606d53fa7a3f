package org.framegrid.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small ONNX models in the protobuf wire format by hand, so tests can build models of a standard signature
 * (no depth or image-to-image model is reachable from this build's registries; models.md). Only what such graphs
 * need: float tensors with fixed or symbolic dimensions, nodes with int, ints and float attributes, float
 * initialisers. Field numbers are those of onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto,
 * ValueInfoProto, TypeProto, TensorShapeProto, TensorProto).
 *
 * <p>Build once, not thread-safe.
 */
public final class OnnxWriter {

    private static final int FLOAT = 1;
    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private final int opset;

    /** @param opset the default-domain opset the graph uses */
    public OnnxWriter(int opset) {
        this.opset = opset;
    }

    /** Declares a graph input; a dimension is a {@code Long} (fixed) or a {@code String} (symbolic). */
    public OnnxWriter input(String name, Object... dims) {
        inputs.add(valueInfo(name, dims));
        return this;
    }

    /** Declares a graph output, dimensions as for {@link #input}. */
    public OnnxWriter output(String name, Object... dims) {
        outputs.add(valueInfo(name, dims));
        return this;
    }

    /** Adds a constant float tensor. */
    public OnnxWriter constant(String name, float[] values, long... dims) {
        Message t = new Message();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, FLOAT);
        t.string(8, name);
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        t.bytes(9, raw.array());
        initializers.add(t.toByteArray());
        return this;
    }

    /**
     * Adds a node. {@code attributes} alternate name and value: {@code Long}/{@code Integer} (INT), {@code long[]}
     * (INTS), {@code Float} (FLOAT).
     */
    public OnnxWriter node(String op, List<String> in, List<String> out, Object... attributes) {
        Message n = new Message();
        in.forEach(name -> n.string(1, name));
        out.forEach(name -> n.string(2, name));
        n.string(3, op + "_" + nodes.size());
        n.string(4, op);
        for (int i = 0; i < attributes.length; i += 2) {
            Message a = new Message();
            a.string(1, (String) attributes[i]);
            Object value = attributes[i + 1];
            if (value instanceof Float f) {
                a.fixed32(2, Float.floatToIntBits(f));
                a.varint(20, 1);
            } else if (value instanceof Number l) {
                a.varint(3, l.longValue());
                a.varint(20, 2);
            } else if (value instanceof long[] ls) {
                for (long l : ls) {
                    a.varint(8, l);
                }
                a.varint(20, 7);
            } else {
                throw new IllegalArgumentException("attribute " + attributes[i] + ": unsupported value " + value);
            }
            n.message(5, a);
        }
        nodes.add(n.toByteArray());
        return this;
    }

    /** @return the serialised ModelProto */
    public byte[] toByteArray() {
        Message graph = new Message();
        nodes.forEach(n -> graph.bytes(1, n));
        graph.string(2, "synthetic");
        initializers.forEach(t -> graph.bytes(5, t));
        inputs.forEach(v -> graph.bytes(11, v));
        outputs.forEach(v -> graph.bytes(12, v));
        Message opsetId = new Message();
        opsetId.string(1, "");
        opsetId.varint(2, opset);
        Message model = new Message();
        model.varint(1, 8); // IR version 8: ONNX 1.13+, read by every ONNX Runtime in use
        model.string(2, "framegrid-test");
        model.message(8, opsetId);
        model.message(7, graph);
        return model.toByteArray();
    }

    private static byte[] valueInfo(String name, Object... dims) {
        Message shape = new Message();
        for (Object d : dims) {
            Message dim = new Message();
            if (d instanceof String symbol) {
                dim.string(2, symbol);
            } else {
                dim.varint(1, ((Number) d).longValue());
            }
            shape.message(1, dim);
        }
        Message tensor = new Message();
        tensor.varint(1, FLOAT);
        tensor.message(2, shape);
        Message type = new Message();
        type.message(1, tensor);
        Message info = new Message();
        info.string(1, name);
        info.message(2, type);
        return info.toByteArray();
    }

    /** One protobuf message being written: fields in the order added. */
    private static final class Message {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void varint(int field, long value) {
            tag(field, 0);
            raw(value);
        }

        void fixed32(int field, int value) {
            tag(field, 5);
            for (int i = 0; i < 4; i++) {
                out.write(value >>> (8 * i) & 0xff);
            }
        }

        void string(int field, String value) {
            bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        void message(int field, Message value) {
            bytes(field, value.toByteArray());
        }

        void bytes(int field, byte[] value) {
            tag(field, 2);
            raw(value.length);
            out.writeBytes(value);
        }

        private void tag(int field, int wireType) {
            raw((long) field << 3 | wireType);
        }

        private void raw(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) (value & 0x7F | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
