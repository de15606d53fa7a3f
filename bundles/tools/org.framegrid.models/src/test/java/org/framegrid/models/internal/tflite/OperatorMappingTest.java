package org.framegrid.models.internal.tflite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Random;

import org.framegrid.models.internal.tflite.NhwcReference.T;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.AddOptionsT;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.Conv2DOptionsT;
import org.tensorflow.lite.schema.DepthwiseConv2DOptionsT;
import org.tensorflow.lite.schema.Padding;
import org.tensorflow.lite.schema.TransposeConvOptionsT;

/**
 * Convolution-family mappings on one-operator TFLite graphs (built with the schema's object API), run on ONNX
 * Runtime and compared with plain-loop NHWC reference kernels. Odd sizes make SAME padding asymmetric on purpose.
 */
class OperatorMappingTest {

    static final float TOLERANCE = 1e-4f;
    final Random random = new Random(20);

    float[] random(int n) {
        return NhwcReference.uniform(random, n);
    }

    static float[] run(byte[] tflite, float[] input) throws Exception {
        try (Ort ort = new Ort(TfliteToOnnx.convert(tflite, TfliteToOnnx.Options.defaults()))) {
            return ort.run(input).values().iterator().next();
        }
    }

    @Test
    void conv2dSameStride2WithBiasAndRelu6() throws Exception {
        T x = NhwcReference.uniform(random, 1, 7, 9, 3);
        float[] w = random(4 * 3 * 3 * 3);
        float[] bias = random(4);
        TinyModel m = TinyModel.reading(x);
        int out = m.tensor("y", 1, 4, 5, 4);
        Conv2DOptionsT o = new Conv2DOptionsT();
        o.setPadding(Padding.SAME);
        o.setStrideH(2);
        o.setStrideW(2);
        o.setDilationHFactor(1);
        o.setDilationWFactor(1);
        o.setFusedActivationFunction(ActivationFunctionType.RELU6);
        m.op(BuiltinOperator.CONV_2D, BuiltinOptions.Conv2DOptions, o,
                new int[] {m.x(), m.floats("w", w, 4, 3, 3, 3), m.floats("b", bias, 4)}, out);
        // SAME: 7 rows -> 4 with total padding 2 (1 + 1); 9 columns -> 5 with 2 (1 + 1).
        T expected = NhwcReference.conv(x, w, 3, 3, bias, 4, 2, 1, 1, 1, 4, 5);
        float[] relu6 = expected.v().clone();
        for (int i = 0; i < relu6.length; i++) {
            relu6[i] = NhwcReference.relu6(relu6[i]);
        }
        assertArrayEquals(relu6, run(m.build(out), x.v()), TOLERANCE);
    }

    /**
     * CONV_2D without bias: input h, w, c; weights outC x 3 x 3 x inC (grouped when inC is less than c); padding,
     * stride and dilation; the reference's top/left padding and output size.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // 8 -> 4 with a 3x3 kernel and stride 2: total padding 1, all of it at the bottom/right (TF's SAME).
        "same even input pads the odd pixel at the end, 8, 8, 2, 3, 2, SAME, 2, 1, 0, 0, 4, 4",
        "valid dilated, 9, 8, 2, 3, 2, VALID, 1, 2, 0, 0, 5, 4",
        "grouped, 5, 5, 4, 4, 2, SAME, 1, 1, 1, 1, 5, 5"})
    void conv2d(String name, int h, int w, int c, int outC, int inC, String padding, int stride, int dilation,
            int padTop, int padLeft, int outH, int outW) throws Exception {
        T x = NhwcReference.uniform(random, 1, h, w, c);
        float[] weights = random(outC * 3 * 3 * inC);
        TinyModel m = TinyModel.reading(x);
        int out = m.tensor("y", 1, outH, outW, outC);
        m.op(BuiltinOperator.CONV_2D, BuiltinOptions.Conv2DOptions,
                conv(padding.equals("SAME") ? Padding.SAME : Padding.VALID, stride, dilation),
                new int[] {m.x(), m.floats("w", weights, outC, 3, 3, inC), -1}, out);
        T expected = NhwcReference.conv(x, weights, 3, 3, null, outC, stride, dilation, padTop, padLeft, outH, outW);
        assertArrayEquals(expected.v(), run(m.build(out), x.v()), TOLERANCE);
    }

    @Test
    void depthwiseWithMultiplier2AndFp16WeightsThroughDequantize() throws Exception {
        T x = NhwcReference.uniform(random, 1, 6, 7, 3);
        float[] w = random(3 * 3 * 6);
        float[] bias = random(6);
        TinyModel m = TinyModel.reading(x);
        int half = m.halfs("w_fp16", w, 1, 3, 3, 6);
        int weights = m.tensor("w", 1, 3, 3, 6);
        m.op(BuiltinOperator.DEQUANTIZE, (byte) 0, null, new int[] {half}, weights);
        int out = m.tensor("y", 1, 3, 4, 6);
        DepthwiseConv2DOptionsT o = new DepthwiseConv2DOptionsT();
        o.setPadding(Padding.SAME);
        o.setStrideH(2);
        o.setStrideW(2);
        o.setDepthMultiplier(2);
        o.setDilationHFactor(1);
        o.setDilationWFactor(1);
        m.op(BuiltinOperator.DEPTHWISE_CONV_2D, BuiltinOptions.DepthwiseConv2DOptions, o,
                new int[] {m.x(), weights, m.floats("b", bias, 6)}, out);
        float[] rounded = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            rounded[i] = Float.float16ToFloat(Float.floatToFloat16(w[i]));
        }
        // 6 -> 3: total padding 1 (0 + 1); 7 -> 4: total 2 (1 + 1).
        T expected = NhwcReference.depthwise(x, rounded, 3, 3, bias, 2, 2, 0, 1, 3, 4);
        assertArrayEquals(expected.v(), run(m.build(out), x.v()), TOLERANCE);
    }

    /** TRANSPOSE_CONV, SAME, stride 2: input h, w, c; kernel k; output channels; the reference's crop and size. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // 4x5 -> 8x10, kernel 3, stride 2: the full result is 9x11; SAME crops 0 before and 1 after.
        "same crops like tflite, 4, 5, 3, 3, 2, 0, 8, 10",
        // 3x3 -> 6x6, kernel 4, stride 2: full 8x8, SAME total 2 -> 1 before, 1 after.
        "kernel 4 pads one pixel each side, 3, 3, 2, 4, 1, 1, 6, 6"})
    void transposeConvSame(String name, int h, int w, int c, int k, int outC, int crop, int outH, int outW)
            throws Exception {
        T x = NhwcReference.uniform(random, 1, h, w, c);
        float[] weights = random(outC * k * k * c);
        TinyModel m = TinyModel.reading(x);
        int out = m.tensor("y", 1, outH, outW, outC);
        m.op(BuiltinOperator.TRANSPOSE_CONV, BuiltinOptions.TransposeConvOptions, transposeSame2(),
                new int[] {m.ints("shape", new int[] {1, outH, outW, outC}, 4), m.floats("w", weights, outC, k, k, c),
                    m.x()}, out);
        T expected = NhwcReference.transposeConv(x, weights, k, k, null, outC, 2, crop, crop, outH, outW);
        assertArrayEquals(expected.v(), run(m.build(out), x.v()), TOLERANCE);
    }

    @Test
    void mediapipeConvolution2DTransposeBias() throws Exception {
        // MediaPipe's custom op as in selfie_segmentation.tflite: options {padding=1 (SAME), stride_w=2, stride_h=2}.
        T x = NhwcReference.uniform(random, 1, 4, 6, 5);
        float[] w = random(2 * 2 * 2 * 5);
        float[] bias = random(2);
        TinyModel m = TinyModel.reading(x);
        int out = m.tensor("segment", 1, 8, 12, 2);
        m.custom("Convolution2DTransposeBias", new byte[] {1, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0},
                new int[] {m.x(), m.floats("w", w, 2, 2, 2, 5), m.floats("b", bias, 2)}, out);
        T expected = NhwcReference.transposeConv(x, w, 2, 2, bias, 2, 2, 0, 0, 8, 12);
        assertArrayEquals(expected.v(), run(m.build(out), x.v()), TOLERANCE);
    }

    @Test
    void addBroadcastsAChannelVectorAsInNhwc() throws Exception {
        T x = NhwcReference.uniform(random, 1, 3, 4, 5);
        float[] c = random(5);
        TinyModel m = TinyModel.reading(x);
        int out = m.tensor("y", 1, 3, 4, 5);
        AddOptionsT o = new AddOptionsT();
        o.setFusedActivationFunction(ActivationFunctionType.RELU);
        m.op(BuiltinOperator.ADD, BuiltinOptions.AddOptions, o, new int[] {m.x(), m.floats("c", c, 5)}, out);
        float[] expected = new float[x.v().length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = Math.max(0, x.v()[i] + c[i % 5]);
        }
        assertArrayEquals(expected, run(m.build(out), x.v()), TOLERANCE);
    }

    @Test
    void nchwLayoutOptionTakesAndGivesNchw() throws Exception {
        TinyModel m = new TinyModel();
        int in = m.input("x", 1, 2, 3, 4);
        int out = m.tensor("y", 1, 2, 3, 4);
        m.op(BuiltinOperator.RELU, (byte) 0, null, new int[] {in}, out);
        byte[] onnx = TfliteToOnnx.convert(m.build(out), new TfliteToOnnx.Options(TfliteToOnnx.Layout.NCHW));
        try (Ort ort = new Ort(onnx)) {
            assertArrayEquals(new long[] {1, 4, 2, 3}, ort.inputShape());
            Map<String, long[]> shapes = ort.outputShapes();
            assertArrayEquals(new long[] {1, 4, 2, 3}, shapes.get("y"));
            float[] input = random(24);
            float[] output = ort.run(input).get("y");
            for (int i = 0; i < input.length; i++) {
                assertEquals(Math.max(0, input[i]), output[i], 0f);
            }
        }
    }

    static TransposeConvOptionsT transposeSame2() {
        TransposeConvOptionsT o = new TransposeConvOptionsT();
        o.setPadding(Padding.SAME);
        o.setStrideH(2);
        o.setStrideW(2);
        return o;
    }

    static Conv2DOptionsT conv(byte padding, int stride, int dilation) {
        Conv2DOptionsT o = new Conv2DOptionsT();
        o.setPadding(padding);
        o.setStrideH(stride);
        o.setStrideW(stride);
        o.setDilationHFactor(dilation);
        o.setDilationWFactor(dilation);
        return o;
    }
}
