package org.framegrid.models.internal.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;

/**
 * Builds one ONNX graph with the protobuf classes: nodes in topological order (the TFLite execution order),
 * initializers, graph inputs and outputs, and unique value names.
 */
final class OnnxGraph {

    /** ONNX IR version 8 is the one that goes with opset 17. */
    static final long IR_VERSION = 8;

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();
    private int nodes;

    OnnxGraph(String name) {
        graph.setName(name);
    }

    /** {@code base}, or {@code base_2}, {@code base_3}, ... if taken; the result is reserved. */
    String unique(String base) {
        String name = base;
        for (int i = 2; !names.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    /** Adds a node that writes {@code output}; returns {@code output}. An empty input name means "left out". */
    String node(String opType, List<String> inputs, String output, AttributeProto... attributes) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(opType).setName(opType + "_" + nodes++)
                .addAllInput(inputs).addOutput(output);
        for (AttributeProto attribute : attributes) {
            node.addAttribute(attribute);
        }
        graph.addNode(node);
        return output;
    }

    /** Adds a node writing a new value named after {@code base}. */
    String derived(String opType, List<String> inputs, String base, AttributeProto... attributes) {
        return node(opType, inputs, unique(base), attributes);
    }

    String transpose(String input, int[] perm, String base) {
        return derived("Transpose", List.of(input), base, ints("perm", perm));
    }

    String floats(String base, float[] values, int... shape) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return initializer(base, TensorProto.DataType.FLOAT, bytes.array(), shape);
    }

    String longs(String base, long[] values, int... shape) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return initializer(base, TensorProto.DataType.INT64, bytes.array(), shape);
    }

    private String initializer(String base, TensorProto.DataType type, byte[] raw, int[] shape) {
        String name = unique(base);
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw));
        for (int dim : shape) {
            tensor.addDims(dim);
        }
        graph.addInitializer(tensor);
        return name;
    }

    void input(String name, int[] shape) {
        graph.addInput(valueInfo(name, shape));
    }

    void output(String name, int[] shape) {
        graph.addOutput(valueInfo(name, shape));
    }

    /** The finished model: opset {@code opset} of the default domain, with {@code metadata} as key/value props. */
    byte[] model(int opset, String producer, String doc, String... metadata) {
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName(producer)
                .setProducerVersion("0.1").setDocString(doc == null ? "" : doc).setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset));
        for (int i = 0; i + 1 < metadata.length; i += 2) {
            model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(metadata[i]).setValue(metadata[i + 1]));
        }
        return model.build().toByteArray();
    }

    private static ValueInfoProto valueInfo(String name, int[] shape) {
        TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
        for (int dim : shape) {
            dims.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(dims)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    static AttributeProto ints(String name, int... values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.INTS);
        for (int value : values) {
            attribute.addInts(value);
        }
        return attribute.build();
    }

    static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto real(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    static AttributeProto string(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }
}
