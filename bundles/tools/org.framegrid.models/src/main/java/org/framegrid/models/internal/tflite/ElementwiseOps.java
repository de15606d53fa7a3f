package org.framegrid.models.internal.tflite;

import java.util.List;

import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.AddOptions;
import org.tensorflow.lite.schema.DivOptions;
import org.tensorflow.lite.schema.LeakyReluOptions;
import org.tensorflow.lite.schema.MulOptions;
import org.tensorflow.lite.schema.SubOptions;
import org.tensorflow.lite.schema.TensorType;

/** Element-wise arithmetic and activations, and the constant folding of DEQUANTIZE and DENSIFY. */
final class ElementwiseOps {

    private ElementwiseOps() {
    }

    static void add(TfliteModel.Op op, GraphConverter c) {
        binary(op, c, "Add", BuiltinOptions.of(op, new AddOptions()).fusedActivationFunction());
    }

    static void sub(TfliteModel.Op op, GraphConverter c) {
        binary(op, c, "Sub", BuiltinOptions.of(op, new SubOptions()).fusedActivationFunction());
    }

    static void mul(TfliteModel.Op op, GraphConverter c) {
        binary(op, c, "Mul", BuiltinOptions.of(op, new MulOptions()).fusedActivationFunction());
    }

    static void div(TfliteModel.Op op, GraphConverter c) {
        binary(op, c, "Div", BuiltinOptions.of(op, new DivOptions()).fusedActivationFunction());
    }

    static void maximum(TfliteModel.Op op, GraphConverter c) {
        binary(op, c, "Max", ActivationFunctionType.NONE);
    }

    static void minimum(TfliteModel.Op op, GraphConverter c) {
        binary(op, c, "Min", ActivationFunctionType.NONE);
    }

    /** Broadcasting binary operator; against a rank-4 result, lower-rank operands are aligned as in NHWC. */
    private static void binary(TfliteModel.Op op, GraphConverter c, String onnxOp, int fused) {
        int out = op.outputs()[0];
        c.requireFloat(op, out);
        boolean rank4 = c.shape(out).length == 4;
        String a = rank4 ? c.value4(op.input(0)) : c.value(op.input(0));
        String b = rank4 ? c.value4(op.input(1)) : c.value(op.input(1));
        c.produce(op, fused, onnxOp, List.of(a, b));
    }

    static void logistic(TfliteModel.Op op, GraphConverter c) {
        unary(op, c, "Sigmoid");
    }

    static void tanh(TfliteModel.Op op, GraphConverter c) {
        unary(op, c, "Tanh");
    }

    static void relu(TfliteModel.Op op, GraphConverter c) {
        unary(op, c, "Relu");
    }

    /** HARD_SWISH is x * relu6(x + 3) / 6, which is ONNX HardSwish (alpha 1/6, beta 0.5). */
    static void hardSwish(TfliteModel.Op op, GraphConverter c) {
        unary(op, c, "HardSwish");
    }

    static void relu6(TfliteModel.Op op, GraphConverter c) {
        c.requireFloat(op, op.input(0));
        c.activation(op, ActivationFunctionType.RELU6, c.value(op.input(0)), c.output(op.outputs()[0]));
    }

    static void reluN1To1(TfliteModel.Op op, GraphConverter c) {
        c.requireFloat(op, op.input(0));
        c.activation(op, ActivationFunctionType.RELU_N1_TO_1, c.value(op.input(0)), c.output(op.outputs()[0]));
    }

    static void leakyRelu(TfliteModel.Op op, GraphConverter c) {
        c.requireFloat(op, op.input(0));
        float alpha = BuiltinOptions.of(op, new LeakyReluOptions()).alpha();
        c.onnx.node("LeakyRelu", List.of(c.value(op.input(0))), c.output(op.outputs()[0]), OnnxGraph.real("alpha", alpha));
    }

    /** PRELU: the slope ({@code [1,1,C]} in MediaPipe's models) broadcasts like the second operand of MUL. */
    static void prelu(TfliteModel.Op op, GraphConverter c) {
        c.requireFloat(op, op.input(0));
        boolean rank4 = c.shape(op.outputs()[0]).length == 4;
        String slope = rank4 ? c.value4(op.input(1)) : c.value(op.input(1));
        c.onnx.node("PRelu", List.of(c.value(op.input(0)), slope), c.output(op.outputs()[0]));
    }

    private static void unary(TfliteModel.Op op, GraphConverter c, String onnxOp) {
        c.requireFloat(op, op.input(0));
        c.onnx.node(onnxOp, List.of(c.value(op.input(0))), c.output(op.outputs()[0]));
    }

    /**
     * DEQUANTIZE of a constant (fp16 weights, or int8/uint8 with scale and zero point) is folded into an fp32
     * constant: the ONNX model carries fp32 weights, as ONNX Runtime's CPU kernels want them.
     */
    static void dequantize(TfliteModel.Op op, GraphConverter c) {
        int input = op.input(0);
        Constant constant = c.constant(input);
        if (constant == null) {
            throw c.unsupported(op, "its input '" + c.tensor(input).name() + "' (" + c.tensor(input).typeName()
                    + ") is computed, not a constant; only constant (weight) dequantization is converted");
        }
        if (c.tensor(input).type() != TensorType.FLOAT16 && c.tensor(input).type() != TensorType.FLOAT32) {
            constant = Constant.dequantize(constant, c.tensor(input).quantization(), c.tensor(input).name());
        }
        c.fold(op.outputs()[0], Constant.floats(c.shape(op.outputs()[0]), constant.floats()));
    }

    /** DENSIFY of a sparse constant: {@link Constant#decode} already expands the sparse storage. */
    static void densify(TfliteModel.Op op, GraphConverter c) {
        Constant constant = c.constant(op.input(0));
        if (constant == null) {
            throw c.unsupported(op, "its input is not a constant");
        }
        c.fold(op.outputs()[0], new Constant(c.shape(op.outputs()[0]), constant.floats(), constant.longs()));
    }
}
