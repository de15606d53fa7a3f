package org.framegrid.models.internal.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.tensorflow.lite.schema.BufferT;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptionsUnion;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorCodeT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.SparsityParametersT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;
import org.tensorflow.lite.schema.TensorType;

/**
 * Builds small TFLite flatbuffers for the operator tests with the schema's object API (the same generated classes
 * the converter reads with), so each mapping can be checked on a graph of one or two operators.
 */
final class TinyModel {

    private final List<TensorT> tensors = new ArrayList<>();
    private final List<BufferT> buffers = new ArrayList<>(List.of(new BufferT()));
    private final List<OperatorT> operators = new ArrayList<>();
    private final List<OperatorCodeT> codes = new ArrayList<>();
    private final List<String> codeKeys = new ArrayList<>();
    private final List<Integer> inputs = new ArrayList<>();

    /** @return a graph whose one input, {@link #x()}, has {@code x}'s shape */
    static TinyModel reading(NhwcReference.T x) {
        TinyModel m = new TinyModel();
        m.input("x", x.n(), x.h(), x.w(), x.c());
        return m;
    }

    /** @return the graph's first input */
    int x() {
        return inputs.getFirst();
    }

    /** A float32 graph input. */
    int input(String name, int... shape) {
        int t = tensor(name, TensorType.FLOAT32, shape, 0);
        inputs.add(t);
        return t;
    }

    /** A float32 activation tensor (an operator's output). */
    int tensor(String name, int... shape) {
        return tensor(name, TensorType.FLOAT32, shape, 0);
    }

    int floats(String name, float[] values, int... shape) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return tensor(name, TensorType.FLOAT32, shape, buffer(bytes.array()));
    }

    /** fp16 storage, as MediaPipe ships its weights (read back through DEQUANTIZE). */
    int halfs(String name, float[] values, int... shape) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            bytes.putShort(Float.floatToFloat16(value));
        }
        return tensor(name, TensorType.FLOAT16, shape, buffer(bytes.array()));
    }

    int ints(String name, int[] values, int... shape) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(values);
        return tensor(name, TensorType.INT32, shape, buffer(bytes.array()));
    }

    /** A sparse fp16 constant: {@code values} are the stored (non-zero) entries in traversal order. */
    int sparseHalfs(String name, float[] values, SparsityParametersT sparsity, int... denseShape) {
        int t = halfs(name, values, denseShape);
        tensors.get(t).setSparsity(sparsity);
        return t;
    }

    void op(int builtin, byte optionsType, Object options, int[] in, int... out) {
        OperatorT op = operator(code(builtin, null), in, out);
        if (options != null) {
            BuiltinOptionsUnion union = new BuiltinOptionsUnion();
            union.setType(optionsType);
            union.setValue(options);
            op.setBuiltinOptions(union);
        }
    }

    void custom(String name, byte[] options, int[] in, int... out) {
        OperatorT op = operator(code(BuiltinOperator.CUSTOM, name), in, out);
        int[] bytes = new int[options.length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = options[i] & 0xff;
        }
        op.setCustomOptions(bytes);
    }

    byte[] build(int... outputs) {
        SubGraphT graph = new SubGraphT();
        graph.setName("main");
        graph.setTensors(tensors.toArray(TensorT[]::new));
        graph.setInputs(inputs.stream().mapToInt(Integer::intValue).toArray());
        graph.setOutputs(outputs);
        graph.setOperators(operators.toArray(OperatorT[]::new));
        ModelT model = new ModelT();
        model.setVersion(3);
        model.setDescription("tiny test model");
        model.setOperatorCodes(codes.toArray(OperatorCodeT[]::new));
        model.setSubgraphs(new SubGraphT[] {graph});
        model.setBuffers(buffers.toArray(BufferT[]::new));
        return model.serializeToBinary();
    }

    private OperatorT operator(int codeIndex, int[] in, int[] out) {
        OperatorT op = new OperatorT();
        op.setOpcodeIndex(codeIndex);
        op.setInputs(in);
        op.setOutputs(out);
        operators.add(op);
        return op;
    }

    private int code(int builtin, String custom) {
        String key = builtin + "/" + custom;
        int index = codeKeys.indexOf(key);
        if (index >= 0) {
            return index;
        }
        OperatorCodeT code = new OperatorCodeT();
        code.setBuiltinCode(builtin);
        code.setDeprecatedBuiltinCode((byte) Math.min(builtin, 127));
        code.setCustomCode(custom);
        code.setVersion(1);
        codes.add(code);
        codeKeys.add(key);
        return codes.size() - 1;
    }

    private int buffer(byte[] data) {
        BufferT buffer = new BufferT();
        int[] bytes = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            bytes[i] = data[i] & 0xff;
        }
        buffer.setData(bytes);
        buffers.add(buffer);
        return buffers.size() - 1;
    }

    private int tensor(String name, byte type, int[] shape, int buffer) {
        TensorT tensor = new TensorT();
        tensor.setName(name);
        tensor.setType(type);
        tensor.setShape(shape);
        tensor.setBuffer(buffer);
        tensors.add(tensor);
        return tensors.size() - 1;
    }
}
