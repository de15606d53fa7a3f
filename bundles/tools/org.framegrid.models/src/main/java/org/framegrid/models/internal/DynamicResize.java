package org.framegrid.models.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.framegrid.models.internal.ProtobufWire.Field;

/**
 * Makes an ONNX image model accept other input sizes when its only size-bound parts are {@code Resize} nodes with
 * constant {@code sizes} (ISNet as exported for 1024x1024: 39 of them). Each such node gets constant {@code scales}
 * instead (output size over input size, read from the graph's recorded shapes at the export size), the recorded
 * intermediate shapes are dropped (the runtime infers them again), and the height and width of the graph's inputs
 * and outputs become symbolic. Making only the inputs and outputs symbolic is not enough: the constant sizes then
 * clash with the real ones in the next Concat.
 *
 * <p>ONNX field numbers used: ModelProto.graph 7; GraphProto node 1, initializer 5, input 11, output 12,
 * value_info 13; NodeProto input 1, op_type 4; TensorProto dims 1, data_type 2, int64_data 7, name 8, raw_data 9;
 * ValueInfoProto name 1, type 2; TypeProto.tensor_type 1; TypeProto.Tensor elem_type 1, shape 2;
 * TensorShapeProto.dim 1; Dimension dim_value 1, dim_param 2.
 */
final class DynamicResize {

    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private DynamicResize() {
    }

    static byte[] apply(byte[] model) throws IOException {
        List<Field> modelFields = ProtobufWire.parse(model);
        List<Field> out = new ArrayList<>();
        for (Field field : modelFields) {
            out.add(field.number() == 7 ? ProtobufWire.bytesField(7, graph(field.message())) : field);
        }
        return ProtobufWire.write(out);
    }

    private static byte[] graph(List<Field> graph) throws IOException {
        Map<String, long[]> shapes = new HashMap<>();
        Map<String, long[]> int64Constants = new HashMap<>();
        for (Field field : graph) {
            if (field.number() == 13 || field.number() == 11 || field.number() == 12) {
                List<Field> info = field.message();
                shapes.put(ProtobufWire.string(info, 1), dims(info));
            } else if (field.number() == 5) {
                List<Field> tensor = field.message();
                if (tensor.stream().anyMatch(f -> f.number() == 2 && f.value() == INT64)) {
                    int64Constants.put(ProtobufWire.string(tensor, 8), int64s(tensor));
                }
            }
        }
        List<Field> rewritten = new ArrayList<>();
        List<Field> scales = new ArrayList<>();
        Set<String> replaced = new HashSet<>();
        int resizes = 0;
        for (Field field : graph) {
            if (field.number() == 13) {
                continue; // recorded shapes of the export size
            }
            if (field.number() == 1 && ProtobufWire.string(field.message(), 4).equals("Resize")) {
                List<Field> node = field.message();
                List<String> inputs = node.stream().filter(f -> f.number() == 1).map(Field::string).toList();
                if (inputs.size() == 4 && int64Constants.containsKey(inputs.get(3))) {
                    long[] in = shapes.get(inputs.get(0));
                    long[] size = int64Constants.get(inputs.get(3));
                    if (in == null || in.length != 4 || size.length != 4 || in[2] <= 0 || in[3] <= 0) {
                        throw new IOException("Resize of " + inputs.get(0) + ": no recorded input shape to turn sizes into scales");
                    }
                    String name = inputs.get(3) + "_scales";
                    scales.add(ProtobufWire.messageField(5, floatTensor(name, 1f, 1f, (float) size[2] / in[2], (float) size[3] / in[3])));
                    replaced.add(inputs.get(3));
                    List<Field> newNode = new ArrayList<>(List.of(ProtobufWire.stringField(1, inputs.get(0)),
                            ProtobufWire.stringField(1, inputs.get(1)), ProtobufWire.stringField(1, name)));
                    node.stream().filter(f -> f.number() != 1).forEach(newNode::add);
                    rewritten.add(ProtobufWire.messageField(1, newNode));
                    resizes++;
                    continue;
                }
            }
            rewritten.add(field);
        }
        if (resizes == 0) {
            throw new IOException("no Resize with constant sizes found: nothing to make dynamic");
        }
        Set<String> stillUsed = new HashSet<>();
        for (Field field : rewritten) {
            if (field.number() == 1) {
                field.message().stream().filter(f -> f.number() == 1).forEach(f -> stillUsed.add(f.string()));
            }
        }
        List<Field> result = new ArrayList<>();
        int io = 0;
        for (Field field : rewritten) {
            if (field.number() == 5 && replaced.contains(ProtobufWire.string(field.message(), 8))
                    && !stillUsed.contains(ProtobufWire.string(field.message(), 8))) {
                continue; // the old sizes, now unused
            }
            if (field.number() == 11 || field.number() == 12) {
                result.add(ProtobufWire.messageField(field.number(), symbolic(field.message(), io++)));
                continue;
            }
            result.add(field);
        }
        result.addAll(scales);
        return ProtobufWire.write(result);
    }

    /** The value info with dims 2 and 3 (height, width) of a rank-4 tensor made symbolic. */
    private static List<Field> symbolic(List<Field> info, int index) throws IOException {
        long[] dims = dims(info);
        if (dims.length != 4) {
            return info;
        }
        long elementType = 0;
        for (Field type : info) {
            if (type.number() == 2) {
                for (Field tensorType : type.message()) {
                    if (tensorType.number() == 1) {
                        for (Field f : tensorType.message()) {
                            elementType = f.number() == 1 ? f.value() : elementType;
                        }
                    }
                }
            }
        }
        List<Field> shape = new ArrayList<>();
        shape.add(ProtobufWire.messageField(1, List.of(ProtobufWire.varintField(1, dims[0]))));
        shape.add(ProtobufWire.messageField(1, List.of(ProtobufWire.varintField(1, dims[1]))));
        shape.add(ProtobufWire.messageField(1, List.of(ProtobufWire.stringField(2, index == 0 ? "height" : "height_" + index))));
        shape.add(ProtobufWire.messageField(1, List.of(ProtobufWire.stringField(2, index == 0 ? "width" : "width_" + index))));
        List<Field> tensorType = List.of(ProtobufWire.varintField(1, elementType), ProtobufWire.messageField(2, shape));
        List<Field> result = new ArrayList<>();
        for (Field field : info) {
            result.add(field.number() == 2 ? ProtobufWire.messageField(2, List.of(ProtobufWire.messageField(1, tensorType))) : field);
        }
        return result;
    }

    /** The fixed dims of a value info (-1 for a symbolic one); empty when it has no shape. */
    private static long[] dims(List<Field> info) throws IOException {
        for (Field type : info) {
            if (type.number() != 2) {
                continue;
            }
            for (Field tensorType : type.message()) {
                if (tensorType.number() != 1) {
                    continue;
                }
                for (Field shape : tensorType.message()) {
                    if (shape.number() == 2) {
                        List<Field> dims = shape.message().stream().filter(f -> f.number() == 1).toList();
                        long[] values = new long[dims.size()];
                        for (int i = 0; i < values.length; i++) {
                            List<Field> dim = dims.get(i).message();
                            values[i] = dim.stream().filter(f -> f.number() == 1 && f.wire() == ProtobufWire.VARINT)
                                    .mapToLong(Field::value).findFirst().orElse(-1);
                        }
                        return values;
                    }
                }
            }
        }
        return new long[0];
    }

    private static long[] int64s(List<Field> tensor) throws IOException {
        for (Field field : tensor) {
            if (field.number() == 9) {
                ByteBuffer raw = ByteBuffer.wrap(field.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                long[] values = new long[raw.remaining() / 8];
                for (int i = 0; i < values.length; i++) {
                    values[i] = raw.getLong();
                }
                return values;
            }
        }
        return ProtobufWire.longs(tensor, 7).stream().mapToLong(Long::longValue).toArray();
    }

    private static List<Field> floatTensor(String name, float... values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            raw.putFloat(value);
        }
        return List.of(ProtobufWire.varintField(1, values.length), ProtobufWire.varintField(2, FLOAT), ProtobufWire.stringField(8, name),
                ProtobufWire.bytesField(9, raw.array()));
    }
}
