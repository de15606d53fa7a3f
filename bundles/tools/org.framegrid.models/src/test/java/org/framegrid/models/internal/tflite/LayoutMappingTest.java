package org.framegrid.models.internal.tflite;

import static org.framegrid.models.internal.tflite.OperatorMappingTest.TOLERANCE;
import static org.framegrid.models.internal.tflite.OperatorMappingTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.framegrid.models.internal.tflite.NhwcReference.T;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.ConcatenationOptionsT;
import org.tensorflow.lite.schema.DepthToSpaceOptionsT;
import org.tensorflow.lite.schema.DimensionMetadataT;
import org.tensorflow.lite.schema.DimensionType;
import org.tensorflow.lite.schema.FullyConnectedOptionsT;
import org.tensorflow.lite.schema.Int32VectorT;
import org.tensorflow.lite.schema.Padding;
import org.tensorflow.lite.schema.Pool2DOptionsT;
import org.tensorflow.lite.schema.ReducerOptionsT;
import org.tensorflow.lite.schema.ResizeBilinearOptionsT;
import org.tensorflow.lite.schema.SparseIndexVector;
import org.tensorflow.lite.schema.SparseIndexVectorUnion;
import org.tensorflow.lite.schema.SparsityParametersT;

/**
 * Mappings where the NHWC-to-NCHW move matters beyond the convolutions: pooling, reductions, flattening, reshapes,
 * concatenation and padding axes, resizing, depth-to-space, broadcast activations, and sparse constants.
 */
class LayoutMappingTest {

    final Random random = new Random(7);

    float[] random(int n) {
        return NhwcReference.uniform(random, n);
    }

    @Test
    void averagePoolSameAveragesOnlyTheValidPixels() throws Exception {
        T x = NhwcReference.uniform(random, 1, 5, 5, 2);
        TinyModel m = TinyModel.reading(x);
        int out = m.tensor("y", 1, 3, 3, 2);
        m.op(BuiltinOperator.AVERAGE_POOL_2D, BuiltinOptions.Pool2DOptions, pool(Padding.SAME, 3, 2), new int[] {m.x()}, out);
        assertArrayEquals(NhwcReference.pool(x, false, 3, 2, 1, 1, 3, 3).v(), run(m.build(out), x.v()), TOLERANCE);
    }

    @Test
    void maxPoolValidAndGlobalAveragePool() throws Exception {
        T x = NhwcReference.uniform(random, 1, 6, 6, 3);
        TinyModel m = TinyModel.reading(x);
        int pooled = m.tensor("pooled", 1, 3, 3, 3);
        int out = m.tensor("y", 1, 1, 1, 3);
        m.op(BuiltinOperator.MAX_POOL_2D, BuiltinOptions.Pool2DOptions, pool(Padding.VALID, 2, 2), new int[] {m.x()}, pooled);
        m.op(BuiltinOperator.AVERAGE_POOL_2D, BuiltinOptions.Pool2DOptions, pool(Padding.VALID, 3, 3), new int[] {pooled}, out);
        T expected = NhwcReference.pool(NhwcReference.pool(x, true, 2, 2, 0, 0, 3, 3), false, 3, 3, 0, 0, 1, 1);
        assertArrayEquals(expected.v(), run(m.build(out), x.v()), TOLERANCE);
    }

    @Test
    void meanOverHeightOnlyKeepsTflitesOrderOfTheRest() throws Exception {
        // [1,3,4,5] -> MEAN over axis 1 without keep_dims -> [1,4,5]: W before C, unlike NCHW's C before W.
        T x = NhwcReference.uniform(random, 1, 3, 4, 5);
        TinyModel m = TinyModel.reading(x);
        int out = m.tensor("y", 1, 4, 5);
        m.op(BuiltinOperator.MEAN, BuiltinOptions.ReducerOptions, reducer(false), new int[] {m.x(), m.ints("axes", new int[] {1}, 1)}, out);
        float[] expected = new float[20];
        for (int w = 0; w < 4; w++) {
            for (int c = 0; c < 5; c++) {
                expected[w * 5 + c] = (x.at(0, 0, w, c) + x.at(0, 1, w, c) + x.at(0, 2, w, c)) / 3;
            }
        }
        assertArrayEquals(expected, run(m.build(out), x.v()), TOLERANCE);
    }

    @Test
    void globalMeanThenFullyConnectedThenKeepDimsMean() throws Exception {
        // hand_landmark's head: MEAN [1,2] -> [1,C], then FULLY_CONNECTED; plus a keep_dims MEAN (selfie landscape).
        T x = NhwcReference.uniform(random, 1, 3, 3, 4);
        float[] w = random(2 * 4);
        float[] bias = random(2);
        TinyModel m = TinyModel.reading(x);
        int mean = m.tensor("mean", 1, 4);
        int out = m.tensor("y", 1, 2);
        int kept = m.tensor("kept", 1, 1, 1, 4);
        int axes = m.ints("axes", new int[] {1, 2}, 2);
        m.op(BuiltinOperator.MEAN, BuiltinOptions.ReducerOptions, reducer(false), new int[] {m.x(), axes}, mean);
        m.op(BuiltinOperator.FULLY_CONNECTED, BuiltinOptions.FullyConnectedOptions, new FullyConnectedOptionsT(),
                new int[] {mean, m.floats("w", w, 2, 4), m.floats("b", bias, 2)}, out);
        m.op(BuiltinOperator.MEAN, BuiltinOptions.ReducerOptions, reducer(true), new int[] {m.x(), axes}, kept);
        float[] means = new float[4];
        for (int i = 0; i < x.v().length; i++) {
            means[i % 4] += x.v()[i] / 9;
        }
        float[] expected = {bias[0], bias[1]};
        for (int o = 0; o < 2; o++) {
            for (int i = 0; i < 4; i++) {
                expected[o] += w[o * 4 + i] * means[i];
            }
        }
        try (Ort ort = new Ort(TfliteToOnnx.convert(m.build(out, kept), TfliteToOnnx.Options.defaults()))) {
            var outputs = ort.run(x.v());
            assertArrayEquals(expected, outputs.get("y"), TOLERANCE);
            assertArrayEquals(means, outputs.get("kept"), TOLERANCE);
        }
    }

    @Test
    void fullyConnectedFlattensARank4InputInNhwcOrder() throws Exception {
        T x = NhwcReference.uniform(random, 1, 2, 3, 4);
        float[] w = random(5 * 24);
        TinyModel m = TinyModel.reading(x);
        int out = m.tensor("y", 1, 5);
        m.op(BuiltinOperator.FULLY_CONNECTED, BuiltinOptions.FullyConnectedOptions, new FullyConnectedOptionsT(),
                new int[] {m.x(), m.floats("w", w, 5, 24), -1}, out);
        float[] expected = new float[5];
        for (int o = 0; o < 5; o++) {
            for (int i = 0; i < 24; i++) {
                expected[o] += w[o * 24 + i] * x.v()[i];
            }
        }
        assertArrayEquals(expected, run(m.build(out), x.v()), TOLERANCE);
    }

    @Test
    void reshapesKeepTfliteElementOrder() throws Exception {
        // [1,2,3,4] -> [1,24] -> [1,4,3,2]: a reshape never moves elements, whatever the layout inside.
        float[] x = random(24);
        TinyModel m = new TinyModel();
        int in = m.input("x", 1, 2, 3, 4);
        int flat = m.tensor("flat", 1, 24);
        int out = m.tensor("y", 1, 4, 3, 2);
        m.op(BuiltinOperator.RESHAPE, (byte) 0, null, new int[] {in, m.ints("s1", new int[] {1, 24}, 2)}, flat);
        m.op(BuiltinOperator.RESHAPE, (byte) 0, null, new int[] {flat, m.ints("s2", new int[] {1, 4, 3, 2}, 4)}, out);
        assertArrayEquals(x, run(m.build(out), x), 0f);
    }

    @Test
    void concatenationOnChannelsAndPadOnChannelsLikeBlazeFace() throws Exception {
        T x = NhwcReference.uniform(random, 1, 2, 3, 2);
        TinyModel m = TinyModel.reading(x);
        int padded = m.tensor("padded", 1, 3, 3, 4);
        int out = m.tensor("y", 1, 3, 3, 8);
        // BlazeFace pads channels (24 -> 28) for its residual adds; here also one row at the top.
        m.op(BuiltinOperator.PAD, (byte) 0, null, new int[] {m.x(), m.ints("p", new int[] {0, 0, 1, 0, 0, 0, 0, 2}, 4, 2)}, padded);
        ConcatenationOptionsT o = new ConcatenationOptionsT();
        o.setAxis(-1);
        m.op(BuiltinOperator.CONCATENATION, BuiltinOptions.ConcatenationOptions, o, new int[] {padded, padded}, out);
        T expected = T.of(1, 3, 3, 8);
        for (int y = 0; y < 2; y++) {
            for (int xx = 0; xx < 3; xx++) {
                for (int c = 0; c < 2; c++) {
                    expected.set(0, y + 1, xx, c, x.at(0, y, xx, c));
                    expected.set(0, y + 1, xx, c + 4, x.at(0, y, xx, c));
                }
            }
        }
        assertArrayEquals(expected.v(), run(m.build(out), x.v()), 0f);
    }

    @Test
    void resizeBilinearHalfPixelCenters() throws Exception {
        T x = NhwcReference.uniform(random, 1, 3, 4, 2);
        TinyModel m = TinyModel.reading(x);
        int out = m.tensor("y", 1, 7, 9, 2);
        ResizeBilinearOptionsT o = new ResizeBilinearOptionsT();
        o.setHalfPixelCenters(true);
        m.op(BuiltinOperator.RESIZE_BILINEAR, BuiltinOptions.ResizeBilinearOptions, o,
                new int[] {m.x(), m.ints("size", new int[] {7, 9}, 2)}, out);
        assertArrayEquals(NhwcReference.resizeBilinearHalfPixel(x, 7, 9).v(), run(m.build(out), x.v()), TOLERANCE);
    }

    @Test
    void depthToSpaceIsDcr() throws Exception {
        T x = NhwcReference.uniform(random, 1, 2, 3, 8);
        TinyModel m = TinyModel.reading(x);
        int out = m.tensor("y", 1, 4, 6, 2);
        DepthToSpaceOptionsT o = new DepthToSpaceOptionsT();
        o.setBlockSize(2);
        m.op(BuiltinOperator.DEPTH_TO_SPACE, BuiltinOptions.DepthToSpaceOptions, o, new int[] {m.x()}, out);
        assertArrayEquals(NhwcReference.depthToSpace(x, 2).v(), run(m.build(out), x.v()), 0f);
    }

    @Test
    void preluHardSwishAndLogisticChain() throws Exception {
        T x = NhwcReference.uniform(random, 1, 2, 2, 3);
        float[] alpha = {0.1f, 0.5f, 2f};
        TinyModel m = TinyModel.reading(x);
        int a = m.tensor("a", 1, 2, 2, 3);
        int b = m.tensor("b", 1, 2, 2, 3);
        int out = m.tensor("y", 1, 2, 2, 3);
        m.op(BuiltinOperator.PRELU, (byte) 0, null, new int[] {m.x(), m.floats("alpha", alpha, 1, 1, 3)}, a);
        m.op(BuiltinOperator.HARD_SWISH, (byte) 0, null, new int[] {a}, b);
        m.op(BuiltinOperator.LOGISTIC, (byte) 0, null, new int[] {b}, out);
        float[] expected = new float[12];
        for (int i = 0; i < 12; i++) {
            float v = x.v()[i];
            v = v >= 0 ? v : v * alpha[i % 3];
            v = v * NhwcReference.relu6(v + 3) / 6;
            expected[i] = (float) (1 / (1 + Math.exp(-v)));
        }
        assertArrayEquals(expected, run(m.build(out), x.v()), TOLERANCE);
    }

    @Test
    void densifiedSparseWeightsEqualTheDenseOnes() throws Exception {
        // pose_detection.tflite stores weights as [O,1,1,I] with the last dimension SPARSE_CSR, then DENSIFY, then
        // DEQUANTIZE (fp16). Dense weights here: row 0 = (0, 1.5, 0, -2), row 1 = (0.25, 0, 0, 0).
        float[] dense = {0, 1.5f, 0, -2, 0.25f, 0, 0, 0};
        SparsityParametersT sparsity = new SparsityParametersT();
        sparsity.setTraversalOrder(new int[] {0, 1, 2, 3});
        sparsity.setBlockMap(new int[0]);
        sparsity.setDimMetadata(new DimensionMetadataT[] {denseDim(2), denseDim(1), denseDim(1),
            csr(new int[] {0, 2, 3}, new int[] {1, 3, 0})});
        TinyModel m = new TinyModel();
        int in = m.input("x", 1, 2, 2, 4);
        int sparse = m.sparseHalfs("w_sparse", new float[] {1.5f, -2, 0.25f}, sparsity, 2, 1, 1, 4);
        int half = m.tensor("w_half", 2, 1, 1, 4);
        int weights = m.tensor("w", 2, 1, 1, 4);
        int out = m.tensor("y", 1, 2, 2, 2);
        m.op(BuiltinOperator.DENSIFY, (byte) 0, null, new int[] {sparse}, half);
        m.op(BuiltinOperator.DEQUANTIZE, (byte) 0, null, new int[] {half}, weights);
        m.op(BuiltinOperator.CONV_2D, BuiltinOptions.Conv2DOptions, OperatorMappingTest.conv(Padding.VALID, 1, 1),
                new int[] {in, weights, -1}, out);
        T x = NhwcReference.uniform(random, 1, 2, 2, 4);
        assertArrayEquals(NhwcReference.conv(x, dense, 1, 1, null, 2, 1, 1, 0, 0, 2, 2).v(), run(m.build(out), x.v()), TOLERANCE);
    }

    static DimensionMetadataT denseDim(int size) {
        DimensionMetadataT dim = new DimensionMetadataT();
        dim.setFormat(DimensionType.DENSE);
        dim.setDenseSize(size);
        return dim;
    }

    static DimensionMetadataT csr(int[] segments, int[] indices) {
        DimensionMetadataT dim = new DimensionMetadataT();
        dim.setFormat(DimensionType.SPARSE_CSR);
        dim.setArraySegments(vector(segments));
        dim.setArrayIndices(vector(indices));
        return dim;
    }

    static SparseIndexVectorUnion vector(int[] values) {
        Int32VectorT vector = new Int32VectorT();
        vector.setValues(values);
        SparseIndexVectorUnion union = new SparseIndexVectorUnion();
        union.setType(SparseIndexVector.Int32Vector);
        union.setValue(vector);
        return union;
    }

    static Pool2DOptionsT pool(byte padding, int size, int stride) {
        Pool2DOptionsT o = new Pool2DOptionsT();
        o.setPadding(padding);
        o.setFilterHeight(size);
        o.setFilterWidth(size);
        o.setStrideH(stride);
        o.setStrideW(stride);
        return o;
    }

    static ReducerOptionsT reducer(boolean keepDims) {
        ReducerOptionsT o = new ReducerOptionsT();
        o.setKeepDims(keepDims);
        return o;
    }
}
