package org.framegrid.models.internal.tflite;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.onnx.proto.OnnxMl.AttributeProto;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.TensorType;

/**
 * Converts one TFLite subgraph, operator by operator, and keeps the state the operator mappings share: which ONNX
 * value holds each TFLite tensor, and the constants (decoded or folded at conversion time).
 *
 * <p>Layout invariant: the ONNX value of a rank-4 TFLite tensor is NCHW; tensors of other ranks keep TFLite's
 * layout. Graph inputs and outputs are transposed at the edges (for {@link TfliteToOnnx.Layout#NHWC}).
 */
final class GraphConverter {

    private final TfliteModel model;
    private final TfliteToOnnx.Options options;
    final OnnxGraph onnx = new OnnxGraph("tflite2onnx");
    private final Map<Integer, String> values = new HashMap<>();
    private final Map<Integer, String> nativeValues = new HashMap<>();
    private final Map<Integer, Constant> constants = new HashMap<>();
    private final Map<Integer, String> ioNames = new HashMap<>();
    private final Set<Integer> graphOutputs = new HashSet<>();
    private final Map<String, String> scalars = new HashMap<>();

    GraphConverter(TfliteModel model, TfliteToOnnx.Options options) {
        this.model = model;
        this.options = options;
    }

    byte[] convert() {
        for (int t : model.inputs) {
            ioNames.put(t, onnx.unique(model.tensor(t).name()));
        }
        for (int t : model.outputs) {
            graphOutputs.add(t);
            ioNames.putIfAbsent(t, onnx.unique(model.tensor(t).name()));
        }
        for (int t : model.inputs) {
            declareInput(t);
        }
        for (TfliteModel.Op op : model.ops) {
            OperatorTable.converter(op, this).convert(op, this);
        }
        for (int t : model.outputs) {
            declareOutput(t);
        }
        String description = model.description == null ? "" : model.description;
        return onnx.model(TfliteToOnnx.OPSET, "framegrid-tflite2onnx", "Converted from TFLite: " + description,
                "tflite.description", description, "io.layout", options.ioLayout().name());
    }

    private boolean nhwcEdge(int tensor) {
        return model.tensor(tensor).rank() == 4 && options.ioLayout() == TfliteToOnnx.Layout.NHWC;
    }

    private void declareInput(int t) {
        TfliteModel.TensorInfo tensor = model.tensor(t);
        if (tensor.type() != TensorType.FLOAT32) {
            throw new IllegalArgumentException("graph input '" + tensor.name() + "' has type " + tensor.typeName()
                    + "; only float32 inputs are supported");
        }
        String name = ioNames.get(t);
        if (nhwcEdge(t)) {
            onnx.input(name, tensor.shape());
            values.put(t, onnx.transpose(name, Shapes.TO_NCHW, name + "/nchw"));
        } else {
            onnx.input(name, tensor.rank() == 4 ? Shapes.permute(tensor.shape(), Shapes.TO_NCHW) : tensor.shape());
            values.put(t, name);
        }
    }

    private void declareOutput(int t) {
        TfliteModel.TensorInfo tensor = model.tensor(t);
        String name = ioNames.get(t);
        String value = value(t);
        if (nhwcEdge(t)) {
            onnx.node("Transpose", List.of(value), name, OnnxGraph.ints("perm", Shapes.TO_NHWC));
            onnx.output(name, tensor.shape());
            return;
        }
        if (!value.equals(name)) {
            onnx.node("Identity", List.of(value), name);
        }
        onnx.output(name, tensor.rank() == 4 ? Shapes.permute(tensor.shape(), Shapes.TO_NCHW) : tensor.shape());
    }

    TfliteModel.TensorInfo tensor(int index) {
        return model.tensor(index);
    }

    int[] shape(int tensor) {
        return model.tensor(tensor).shape();
    }

    /** The tensor's constant values (decoded from its buffer or folded), or null for a computed tensor. */
    Constant constant(int tensor) {
        if (tensor < 0) {
            return null;
        }
        return constants.computeIfAbsent(tensor, t -> Constant.decode(model.tensor(t)));
    }

    /** A float constant the mapping needs at conversion time (weights, bias, alpha). */
    Constant floatConstant(TfliteModel.Op op, int tensor, String role) {
        Constant constant = constant(tensor);
        if (constant == null) {
            throw unsupported(op, "its " + role + " ('" + model.tensor(tensor).name() + "') is not a constant");
        }
        if (!constant.isFloat()) {
            throw unsupported(op, "its " + role + " is quantized (" + model.tensor(tensor).typeName() + ")");
        }
        return constant;
    }

    /** An integer constant (a shape, size, axes or paddings input). */
    int[] intConstant(TfliteModel.Op op, int tensor, String role) {
        Constant constant = constant(tensor);
        if (constant == null || constant.isFloat()) {
            throw unsupported(op, "its " + role + " is not a constant integer tensor");
        }
        return constant.ints();
    }

    /** Records a value computed at conversion time (DEQUANTIZE, DENSIFY of constants). */
    void fold(int tensor, Constant value) {
        constants.put(tensor, value);
    }

    /** The ONNX value holding {@code tensor}: NCHW for rank 4. Constants become initializers on first use. */
    String value(int tensor) {
        String value = values.get(tensor);
        if (value != null) {
            return value;
        }
        Constant constant = constant(tensor);
        if (constant == null) {
            throw new IllegalStateException("tensor '" + model.tensor(tensor).name() + "' is read before any "
                    + "operator writes it");
        }
        String base = model.tensor(tensor).name();
        int[] shape = constant.shape();
        if (constant.isFloat()) {
            value = shape.length == 4
                    ? onnx.floats(base, Shapes.permute(constant.floats(), shape, Shapes.TO_NCHW), Shapes.permute(shape, Shapes.TO_NCHW))
                    : onnx.floats(base, constant.floats(), shape);
        } else {
            if (shape.length == 4) {
                throw new IllegalArgumentException("rank-4 integer constant '" + base + "' used as data");
            }
            value = onnx.longs(base, constant.longs(), shape);
        }
        values.put(tensor, value);
        return value;
    }

    /**
     * {@code tensor} as a rank-4 NCHW value, for an operand that broadcasts against a rank-4 tensor: lower ranks are
     * padded with leading 1s (numpy alignment, as TFLite does) before the NHWC-to-NCHW move.
     */
    String value4(int tensor) {
        int[] shape = shape(tensor);
        if (shape.length == 4) {
            return value(tensor);
        }
        int[] nhwc = Shapes.toRank4(shape);
        Constant constant = constant(tensor);
        String base = model.tensor(tensor).name() + "/nchw";
        if (constant != null && constant.isFloat()) {
            return onnx.floats(base, Shapes.permute(constant.floats(), nhwc, Shapes.TO_NCHW), Shapes.permute(nhwc, Shapes.TO_NCHW));
        }
        String reshaped = onnx.derived("Reshape", List.of(value(tensor), onnx.longs(base + "/shape", Shapes.longs(nhwc), 4)), base + "/nhwc");
        return onnx.transpose(reshaped, Shapes.TO_NCHW, base);
    }

    /** {@code tensor} in TFLite's own layout (NHWC for rank 4), for layout-sensitive operators like RESHAPE. */
    String nativeValue(int tensor) {
        if (shape(tensor).length != 4) {
            return value(tensor);
        }
        return nativeValues.computeIfAbsent(tensor,
                t -> onnx.transpose(value(t), Shapes.TO_NHWC, model.tensor(t).name() + "/nhwc"));
    }

    /** The name an operator writes {@code tensor} to (its NCHW value for rank 4); registers it. */
    String output(int tensor) {
        if (values.containsKey(tensor)) {
            throw new IllegalArgumentException("tensor '" + model.tensor(tensor).name() + "' is written twice");
        }
        String name = graphOutputs.contains(tensor) && !nhwcEdge(tensor)
                ? ioNames.get(tensor)
                : onnx.unique(model.tensor(tensor).name() + (graphOutputs.contains(tensor) ? "/nchw" : ""));
        values.put(tensor, name);
        return name;
    }

    /** Registers {@code nativeName} (TFLite layout) as the value of {@code tensor}, moving rank 4 to NCHW. */
    void defineFromNative(int tensor, String nativeName) {
        if (shape(tensor).length == 4) {
            onnx.node("Transpose", List.of(nativeName), output(tensor), OnnxGraph.ints("perm", Shapes.TO_NCHW));
        } else if (graphOutputs.contains(tensor)) {
            onnx.node("Identity", List.of(nativeName), output(tensor));
        } else {
            values.put(tensor, nativeName);
        }
    }

    /** Writes the operator's output 0 with one node, followed by the fused activation if there is one. */
    void produce(TfliteModel.Op op, int fusedActivation, String opType, List<String> inputs, AttributeProto... attributes) {
        int out = op.outputs()[0];
        if (fusedActivation == ActivationFunctionType.NONE) {
            onnx.node(opType, inputs, output(out), attributes);
            return;
        }
        String linear = onnx.derived(opType, inputs, model.tensor(out).name() + "/linear", attributes);
        activation(op, fusedActivation, linear, output(out));
    }

    /** A TFLite fused activation as ONNX node(s) from {@code input} to {@code output}. */
    void activation(TfliteModel.Op op, int fused, String input, String output) {
        switch (fused) {
            case ActivationFunctionType.RELU -> onnx.node("Relu", List.of(input), output);
            case ActivationFunctionType.RELU6 -> onnx.node("Clip", List.of(input, scalar(0), scalar(6)), output);
            case ActivationFunctionType.RELU_N1_TO_1 -> onnx.node("Clip", List.of(input, scalar(-1), scalar(1)), output);
            case ActivationFunctionType.TANH -> onnx.node("Tanh", List.of(input), output);
            default -> throw unsupported(op, "fused activation " + ActivationFunctionType.name(fused));
        }
    }

    /** A shared rank-0 float initializer. */
    String scalar(float value) {
        return scalars.computeIfAbsent("f" + value, k -> onnx.floats("const/" + value, new float[] {value}));
    }

    /** Checks that a mapping's own shape arithmetic agrees with the shape the TFLite file declares. */
    void expectShape(TfliteModel.Op op, int tensor, int[] computed) {
        if (!Arrays.equals(shape(tensor), computed)) {
            throw new IllegalArgumentException("operator #" + op.index() + " " + op.name() + ": computed output shape "
                    + Arrays.toString(computed) + " but the model declares " + Arrays.toString(shape(tensor)));
        }
    }

    /** Rejects operators whose activations are not float32 (quantized models). */
    void requireFloat(TfliteModel.Op op, int tensor) {
        int type = model.tensor(tensor).type();
        if (type != TensorType.FLOAT32) {
            throw unsupported(op, "tensor '" + model.tensor(tensor).name() + "' is " + TensorType.name(type)
                    + " (only float32 activations are converted)");
        }
    }

    UnsupportedOperatorException unsupported(TfliteModel.Op op, String reason) {
        String output = op.outputs().length > 0 ? model.tensor(op.outputs()[0]).name() : "-";
        return new UnsupportedOperatorException(
                new UnsupportedOperatorException.Site(op.name(), op.builtinCode(), op.index(), output), reason);
    }
}
