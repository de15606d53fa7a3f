package org.framegrid.models.internal.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.Operator;
import org.tensorflow.lite.schema.OperatorCode;
import org.tensorflow.lite.schema.QuantizationParameters;
import org.tensorflow.lite.schema.SparsityParameters;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.Tensor;
import org.tensorflow.lite.schema.TensorType;

/**
 * The parts of a TFLite flatbuffer the converter reads, through the flatc-generated schema classes: the first
 * subgraph's tensors (with their constant data), operators (in execution order) and inputs/outputs.
 */
final class TfliteModel {

    /** TFLite's file identifier (bytes 4..8 of the file). */
    static final String IDENTIFIER = "TFL3";

    /** One tensor; {@code data} is null for activations (no buffer or an empty one). */
    record TensorInfo(int index, String name, int type, int[] shape, ByteBuffer data,
            QuantizationParameters quantization, SparsityParameters sparsity) {

        int rank() {
            return shape.length;
        }

        String typeName() {
            return TensorType.name(type);
        }
    }

    /** One operator: {@code builtinCode} is {@link BuiltinOperator#CUSTOM} for custom ones, then {@code custom} names it. */
    record Op(int index, int builtinCode, String custom, int[] inputs, int[] outputs, Operator table) {

        String name() {
            return builtinCode == BuiltinOperator.CUSTOM ? custom : BuiltinOperator.name(builtinCode);
        }

        /** Input {@code i}, or -1 where it is absent (an optional input left out, or beyond the list). */
        int input(int i) {
            return i < inputs.length ? inputs[i] : -1;
        }

        byte[] customOptions() {
            byte[] bytes = new byte[table.customOptionsLength()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) table.customOptions(i);
            }
            return bytes;
        }
    }

    final String description;
    final List<TensorInfo> tensors;
    final List<Op> ops;
    final int[] inputs;
    final int[] outputs;

    private TfliteModel(String description, List<TensorInfo> tensors, List<Op> ops, int[] inputs, int[] outputs) {
        this.description = description;
        this.tensors = tensors;
        this.ops = ops;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    static TfliteModel read(byte[] bytes) {
        if (bytes.length < 8) {
            throw new IllegalArgumentException("not a TFLite model: " + bytes.length + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (!Model.ModelBufferHasIdentifier(buffer)) {
            String found = new String(bytes, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            throw new IllegalArgumentException("not a TFLite model: file identifier '" + found.replaceAll("\\p{Cntrl}", "?")
                    + "' at byte 4, expected '" + IDENTIFIER + "'");
        }
        Model model = Model.getRootAsModel(buffer);
        if (model.version() != 3) {
            throw new IllegalArgumentException("TFLite schema version " + model.version() + " is not supported (3 is)");
        }
        if (model.subgraphsLength() < 1) {
            throw new IllegalArgumentException("the TFLite model has no subgraph");
        }
        // Only the main subgraph is converted; the control-flow operators that would call others are unsupported.
        SubGraph graph = model.subgraphs(0);
        List<TensorInfo> tensors = new ArrayList<>(graph.tensorsLength());
        for (int i = 0; i < graph.tensorsLength(); i++) {
            Tensor tensor = graph.tensors(i);
            int[] shape = new int[tensor.shapeLength()];
            for (int d = 0; d < shape.length; d++) {
                shape[d] = tensor.shape(d);
            }
            ByteBuffer data = null;
            if (tensor.buffer() > 0 && tensor.buffer() < model.buffersLength()) {
                ByteBuffer slice = model.buffers((int) tensor.buffer()).dataAsByteBuffer();
                if (slice != null && slice.remaining() > 0) {
                    data = slice.slice().order(ByteOrder.LITTLE_ENDIAN);
                }
            }
            String name = tensor.name() == null || tensor.name().isEmpty() ? "tensor_" + i : tensor.name();
            tensors.add(new TensorInfo(i, name, tensor.type(), shape, data, tensor.quantization(), tensor.sparsity()));
        }
        List<Op> ops = new ArrayList<>(graph.operatorsLength());
        for (int i = 0; i < graph.operatorsLength(); i++) {
            Operator op = graph.operators(i);
            OperatorCode code = model.operatorCodes((int) op.opcodeIndex());
            // Schema 3a: codes above 127 live in builtin_code, older files only fill deprecated_builtin_code.
            int builtin = Math.max(code.builtinCode(), code.deprecatedBuiltinCode());
            ops.add(new Op(i, builtin, code.customCode(), ints(op.inputsLength(), op::inputs),
                    ints(op.outputsLength(), op::outputs), op));
        }
        return new TfliteModel(model.description(), List.copyOf(tensors), List.copyOf(ops),
                ints(graph.inputsLength(), graph::inputs), ints(graph.outputsLength(), graph::outputs));
    }

    TensorInfo tensor(int index) {
        return tensors.get(index);
    }

    private static int[] ints(int length, java.util.function.IntUnaryOperator at) {
        int[] values = new int[length];
        for (int i = 0; i < length; i++) {
            values[i] = at.applyAsInt(i);
        }
        return values;
    }
}
