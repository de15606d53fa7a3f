package org.framegrid.models.internal.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.Conv2DOptions;
import org.tensorflow.lite.schema.DepthwiseConv2DOptions;
import org.tensorflow.lite.schema.FullyConnectedOptions;
import org.tensorflow.lite.schema.FullyConnectedOptionsWeightsFormat;
import org.tensorflow.lite.schema.TransposeConvOptions;

/**
 * Convolutions and FULLY_CONNECTED. Weights are constants, permuted at conversion time from TFLite's OHWI
 * ({@code [out, kh, kw, in]}; depthwise {@code [1, kh, kw, in*multiplier]}) to the layout ONNX expects.
 */
final class ConvOps {

    /** Depthwise {@code [1,kh,kw,C*M]} to {@code [C*M,1,kh,kw]}; OHWI to IOHW for ConvTranspose. */
    private static final int[] CHANNELS_FIRST = {3, 0, 1, 2};

    private ConvOps() {
    }

    static void conv2d(TfliteModel.Op op, GraphConverter c) {
        Conv2DOptions o = BuiltinOptions.of(op, new Conv2DOptions());
        c.requireFloat(op, op.input(0));
        int[] in = c.shape(op.input(0));
        Constant w = c.floatConstant(op, op.input(1), "weights");
        int[] ws = w.shape();
        if (in[3] % ws[3] != 0) {
            throw c.unsupported(op, "input has " + in[3] + " channels, weights expect a multiple of " + ws[3]);
        }
        String weights = c.onnx.floats(c.tensor(op.input(1)).name() + "/oihw",
                Shapes.permute(w.floats(), ws, Shapes.TO_NCHW), Shapes.permute(ws, Shapes.TO_NCHW));
        convolution(op, c, weights, ws[0], ws[1], ws[2], in[3] / ws[3], o.padding() == org.tensorflow.lite.schema.Padding.SAME,
                o.strideH(), o.strideW(), o.dilationHFactor(), o.dilationWFactor(), o.fusedActivationFunction());
    }

    static void depthwise(TfliteModel.Op op, GraphConverter c) {
        DepthwiseConv2DOptions o = BuiltinOptions.of(op, new DepthwiseConv2DOptions());
        c.requireFloat(op, op.input(0));
        int[] in = c.shape(op.input(0));
        Constant w = c.floatConstant(op, op.input(1), "weights");
        int[] ws = w.shape();
        if (ws[0] != 1 || ws[3] % in[3] != 0) {
            throw c.unsupported(op, "depthwise weights of shape " + java.util.Arrays.toString(ws) + " for "
                    + in[3] + " input channels");
        }
        String weights = c.onnx.floats(c.tensor(op.input(1)).name() + "/m1hw",
                Shapes.permute(w.floats(), ws, CHANNELS_FIRST), Shapes.permute(ws, CHANNELS_FIRST));
        convolution(op, c, weights, ws[3], ws[1], ws[2], in[3], o.padding() == org.tensorflow.lite.schema.Padding.SAME,
                o.strideH(), o.strideW(), o.dilationHFactor(), o.dilationWFactor(), o.fusedActivationFunction());
    }

    private static void convolution(TfliteModel.Op op, GraphConverter c, String weights, int outChannels, int kh,
            int kw, int group, boolean same, int sh, int sw, int dh, int dw, int fused) {
        int[] in = c.shape(op.input(0));
        List<String> inputs = new ArrayList<>(List.of(c.value(op.input(0)), weights));
        if (op.input(2) >= 0) {
            inputs.add(bias(op, c, op.input(2)));
        }
        int[] pads = Padding.pads(same, in, kh, kw, sh, sw, dh, dw);
        c.expectShape(op, op.outputs()[0], new int[] {in[0], Padding.outSize(same, in[1], kh, sh, dh),
                Padding.outSize(same, in[2], kw, sw, dw), outChannels});
        c.produce(op, fused, "Conv", inputs, OnnxGraph.ints("kernel_shape", kh, kw), OnnxGraph.ints("strides", sh, sw),
                OnnxGraph.ints("dilations", dh, dw), OnnxGraph.ints("pads", pads), OnnxGraph.integer("group", group));
    }

    /** Builtin TRANSPOSE_CONV: inputs (output_shape, weights, input[, bias]). */
    static void transposeConv(TfliteModel.Op op, GraphConverter c) {
        TransposeConvOptions o = BuiltinOptions.of(op, new TransposeConvOptions());
        int[] outputShape = c.intConstant(op, op.input(0), "output_shape");
        c.expectShape(op, op.outputs()[0], outputShape);
        transposed(op, c, op.input(2), op.input(1), op.input(3), o.padding() == org.tensorflow.lite.schema.Padding.SAME,
                o.strideH(), o.strideW(), o.fusedActivationFunction());
    }

    /**
     * MediaPipe's custom Convolution2DTransposeBias: inputs (input, weights, bias); its custom options are the raw
     * bytes of TFLite's C struct {@code TfLiteTransposeConvParams {padding, stride_width, stride_height}} (three
     * little-endian int32; padding 1 = SAME, 2 = VALID).
     */
    static void transposeConvBias(TfliteModel.Op op, GraphConverter c) {
        byte[] raw = op.customOptions();
        if (raw.length < 12) {
            throw c.unsupported(op, "custom options of " + raw.length + " bytes (expected TfLiteTransposeConvParams, 12)");
        }
        ByteBuffer params = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int padding = params.getInt(0);
        if (padding != 1 && padding != 2) {
            throw c.unsupported(op, "padding code " + padding + " (1 = SAME, 2 = VALID)");
        }
        transposed(op, c, op.input(0), op.input(1), op.input(2), padding == 1, params.getInt(8), params.getInt(4),
                ActivationFunctionType.NONE);
    }

    private static void transposed(TfliteModel.Op op, GraphConverter c, int input, int weightTensor, int biasTensor,
            boolean same, int sh, int sw, int fused) {
        c.requireFloat(op, input);
        int[] in = c.shape(input);
        int[] out = c.shape(op.outputs()[0]);
        Constant w = c.floatConstant(op, weightTensor, "weights");
        int[] ws = w.shape();
        String weights = c.onnx.floats(c.tensor(weightTensor).name() + "/iohw",
                Shapes.permute(w.floats(), ws, CHANNELS_FIRST), Shapes.permute(ws, CHANNELS_FIRST));
        int[] h = Padding.transposed(same, in[1], out[1], ws[1], sh);
        int[] v = Padding.transposed(same, in[2], out[2], ws[2], sw);
        List<String> inputs = new ArrayList<>(List.of(c.value(input), weights));
        if (biasTensor >= 0) {
            inputs.add(bias(op, c, biasTensor));
        }
        c.produce(op, fused, "ConvTranspose", inputs, OnnxGraph.ints("kernel_shape", ws[1], ws[2]),
                OnnxGraph.ints("strides", sh, sw), OnnxGraph.ints("pads", h[0], v[0], h[1], v[1]),
                OnnxGraph.ints("output_padding", h[2], v[2]));
    }

    /** FULLY_CONNECTED: inputs (input, weights [units, depth][, bias]); the input is flattened to [-1, depth]. */
    static void fullyConnected(TfliteModel.Op op, GraphConverter c) {
        FullyConnectedOptions o = BuiltinOptions.of(op, new FullyConnectedOptions());
        if (o.weightsFormat() != FullyConnectedOptionsWeightsFormat.DEFAULT) {
            throw c.unsupported(op, "weights format " + FullyConnectedOptionsWeightsFormat.name(o.weightsFormat()));
        }
        c.requireFloat(op, op.input(0));
        Constant w = c.floatConstant(op, op.input(1), "weights");
        int units = w.shape()[0];
        int depth = w.shape()[1];
        int[] in = c.shape(op.input(0));
        String x = c.nativeValue(op.input(0));
        if (in.length != 2 || in[1] != depth) {
            x = c.onnx.derived("Reshape", List.of(x, c.onnx.longs(c.tensor(op.input(0)).name() + "/flat",
                    new long[] {-1, depth}, 2)), c.tensor(op.input(0)).name() + "/flat");
        }
        List<String> inputs = new ArrayList<>(List.of(x, c.onnx.floats(c.tensor(op.input(1)).name(), w.floats(), units, depth)));
        if (op.input(2) >= 0) {
            inputs.add(bias(op, c, op.input(2)));
        }
        int out = op.outputs()[0];
        int[] outShape = c.shape(out);
        int rows = Shapes.size(in) / depth;
        if (outShape.length == 2 && outShape[0] == rows && outShape[1] == units) {
            c.produce(op, o.fusedActivationFunction(), "Gemm", inputs, OnnxGraph.integer("transB", 1));
            return;
        }
        String name = c.tensor(out).name();
        String y = c.onnx.derived("Gemm", inputs, name + "/gemm", OnnxGraph.integer("transB", 1));
        if (o.fusedActivationFunction() != ActivationFunctionType.NONE) {
            String activated = c.onnx.unique(name + "/activated");
            c.activation(op, o.fusedActivationFunction(), y, activated);
            y = activated;
        }
        c.defineFromNative(out, c.onnx.derived("Reshape", List.of(y, c.onnx.longs(name + "/shape",
                Shapes.longs(outShape), outShape.length)), name + "/nhwc"));
    }

    private static String bias(TfliteModel.Op op, GraphConverter c, int tensor) {
        Constant bias = c.floatConstant(op, tensor, "bias");
        return c.onnx.floats(c.tensor(tensor).name(), bias.floats(), bias.size());
    }
}
