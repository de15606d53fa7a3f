package org.framegrid.models.internal.tflite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tensorflow.lite.schema.Pool2DOptions;
import org.tensorflow.lite.schema.ReducerOptions;

/** Pooling windows and MEAN. */
final class PoolOps {

    private PoolOps() {
    }

    static void maxPool(TfliteModel.Op op, GraphConverter c) {
        pool(op, c, "MaxPool");
    }

    /** TFLite averages SAME-padded windows over the valid pixels only: ONNX's count_include_pad=0 (its default). */
    static void averagePool(TfliteModel.Op op, GraphConverter c) {
        pool(op, c, "AveragePool");
    }

    private static void pool(TfliteModel.Op op, GraphConverter c, String onnxOp) {
        Pool2DOptions o = BuiltinOptions.of(op, new Pool2DOptions());
        c.requireFloat(op, op.input(0));
        int[] in = c.shape(op.input(0));
        boolean same = o.padding() == org.tensorflow.lite.schema.Padding.SAME;
        int kh = o.filterHeight();
        int kw = o.filterWidth();
        c.expectShape(op, op.outputs()[0], new int[] {in[0], Padding.outSize(same, in[1], kh, o.strideH(), 1),
                Padding.outSize(same, in[2], kw, o.strideW(), 1), in[3]});
        List<String> inputs = List.of(c.value(op.input(0)));
        if (kh == in[1] && kw == in[2] && !same) {
            // One window over the whole plane (squeeze-and-excite blocks): the global form is faster in ORT.
            c.produce(op, o.fusedActivationFunction(), "Global" + onnxOp, inputs);
            return;
        }
        c.produce(op, o.fusedActivationFunction(), onnxOp, inputs, OnnxGraph.ints("kernel_shape", kh, kw),
                OnnxGraph.ints("strides", o.strideH(), o.strideW()),
                OnnxGraph.ints("pads", Padding.pads(same, in, kh, kw, o.strideH(), o.strideW(), 1, 1)));
    }

    /** MEAN over constant axes, with or without keep_dims. */
    static void mean(TfliteModel.Op op, GraphConverter c) {
        ReducerOptions o = BuiltinOptions.of(op, new ReducerOptions());
        c.requireFloat(op, op.input(0));
        int[] in = c.shape(op.input(0));
        int rank = in.length;
        int[] axes = Arrays.stream(c.intConstant(op, op.input(1), "axes")).map(a -> a < 0 ? a + rank : a)
                .distinct().sorted().toArray();
        int out = op.outputs()[0];
        if (rank != 4) {
            c.produce(op, 0, "ReduceMean", List.of(c.value(op.input(0))), OnnxGraph.ints("axes", axes),
                    OnnxGraph.integer("keepdims", o.keepDims() ? 1 : 0));
            return;
        }
        int[] nchwAxes = Arrays.stream(axes).map(Shapes::nchwAxis).sorted().toArray();
        if (o.keepDims() || keptInSameOrder(axes)) {
            // keep_dims leaves a rank-4 (NCHW) result; without it, what is left must read the same in both layouts.
            c.produce(op, 0, "ReduceMean", List.of(c.value(op.input(0))), OnnxGraph.ints("axes", nchwAxes),
                    OnnxGraph.integer("keepdims", o.keepDims() ? 1 : 0));
            return;
        }
        String name = c.tensor(out).name();
        String kept = c.onnx.derived("ReduceMean", List.of(c.value(op.input(0))), name + "/keepdims",
                OnnxGraph.ints("axes", nchwAxes), OnnxGraph.integer("keepdims", 1));
        String nhwc = c.onnx.transpose(kept, Shapes.TO_NHWC, name + "/nhwc");
        int[] outShape = c.shape(out);
        c.defineFromNative(out, c.onnx.derived("Reshape", List.of(nhwc, c.onnx.longs(name + "/shape",
                Shapes.longs(outShape), outShape.length)), name + "/reshaped"));
    }

    /** Whether the axes left after reducing {@code axes} come in the same order in NHWC and in NCHW. */
    private static boolean keptInSameOrder(int[] axes) {
        List<Integer> nhwc = new ArrayList<>();
        List<Integer> nchw = new ArrayList<>();
        for (int a : new int[] {0, 1, 2, 3}) {
            if (Arrays.stream(axes).noneMatch(x -> x == a)) {
                nhwc.add(a);
            }
        }
        // TO_NCHW lists the NHWC axes in the order NCHW stores them.
        for (int a : Shapes.TO_NCHW) {
            if (Arrays.stream(axes).noneMatch(x -> x == a)) {
                nchw.add(a);
            }
        }
        return nhwc.equals(nchw);
    }
}
