package org.framegrid.models.internal.tflite;

import java.util.ArrayList;
import java.util.List;

import org.tensorflow.lite.schema.ConcatenationOptions;
import org.tensorflow.lite.schema.DepthToSpaceOptions;
import org.tensorflow.lite.schema.ResizeBilinearOptions;
import org.tensorflow.lite.schema.ResizeNearestNeighborOptions;
import org.tensorflow.lite.schema.SpaceToDepthOptions;

/** Operators that move data around: reshape, concatenation, padding, resizing, depth/space rearrangement. */
final class ShapeOps {

    private ShapeOps() {
    }

    /** RESHAPE works on TFLite's element order, so rank-4 tensors go through NHWC on either side. */
    static void reshape(TfliteModel.Op op, GraphConverter c) {
        int out = op.outputs()[0];
        int[] shape = c.shape(out);
        String name = c.tensor(out).name();
        String reshaped = c.onnx.derived("Reshape", List.of(c.nativeValue(op.input(0)),
                c.onnx.longs(name + "/shape", Shapes.longs(shape), shape.length)), name + "/reshaped");
        c.defineFromNative(out, reshaped);
    }

    static void concatenation(TfliteModel.Op op, GraphConverter c) {
        ConcatenationOptions o = BuiltinOptions.of(op, new ConcatenationOptions());
        int rank = c.shape(op.outputs()[0]).length;
        int axis = o.axis() < 0 ? o.axis() + rank : o.axis();
        List<String> inputs = new ArrayList<>();
        for (int input : op.inputs()) {
            inputs.add(c.value(input));
        }
        c.produce(op, o.fusedActivationFunction(), "Concat", inputs,
                OnnxGraph.integer("axis", rank == 4 ? Shapes.nchwAxis(axis) : axis));
    }

    /** PAD and PADV2 (with a constant fill value as input 2): paddings [rank, 2] become ONNX begin..end pads. */
    static void pad(TfliteModel.Op op, GraphConverter c) {
        c.requireFloat(op, op.input(0));
        int rank = c.shape(op.input(0)).length;
        int[] paddings = c.intConstant(op, op.input(1), "paddings");
        int[] order = rank == 4 ? Shapes.TO_NCHW : java.util.stream.IntStream.range(0, rank).toArray();
        long[] pads = new long[2 * rank];
        for (int i = 0; i < rank; i++) {
            pads[i] = paddings[2 * order[i]];
            pads[rank + i] = paddings[2 * order[i] + 1];
        }
        String name = c.tensor(op.outputs()[0]).name();
        List<String> inputs = new ArrayList<>(List.of(c.value(op.input(0)), c.onnx.longs(name + "/pads", pads, 2 * rank)));
        if (op.input(2) >= 0) {
            Constant fill = c.floatConstant(op, op.input(2), "constant value");
            inputs.add(c.onnx.floats(name + "/fill", new float[] {fill.floats()[0]}));
        }
        c.onnx.node("Pad", inputs, c.output(op.outputs()[0]), OnnxGraph.string("mode", "constant"));
    }

    /**
     * RESIZE_BILINEAR: TF's half_pixel_centers is ONNX half_pixel, align_corners is align_corners, neither is
     * asymmetric (TF1's legacy sampling).
     */
    static void resizeBilinear(TfliteModel.Op op, GraphConverter c) {
        ResizeBilinearOptions o = BuiltinOptions.of(op, new ResizeBilinearOptions());
        String mode = o.alignCorners() ? "align_corners" : o.halfPixelCenters() ? "half_pixel" : "asymmetric";
        resize(op, c, "linear", mode, OnnxGraph.string("nearest_mode", "floor"));
    }

    /**
     * RESIZE_NEAREST_NEIGHBOR: TF picks floor((x + 0.5) * in/out) with half_pixel_centers (ONNX
     * tf_half_pixel_for_nn + floor), round((x) * (in-1)/(out-1)) with align_corners (align_corners +
     * round_prefer_ceil), and floor(x * in/out) otherwise (asymmetric + floor).
     */
    static void resizeNearest(TfliteModel.Op op, GraphConverter c) {
        ResizeNearestNeighborOptions o = BuiltinOptions.of(op, new ResizeNearestNeighborOptions());
        String mode = o.alignCorners() ? "align_corners" : o.halfPixelCenters() ? "tf_half_pixel_for_nn" : "asymmetric";
        resize(op, c, "nearest", mode,
                OnnxGraph.string("nearest_mode", o.alignCorners() ? "round_prefer_ceil" : "floor"));
    }

    private static void resize(TfliteModel.Op op, GraphConverter c, String mode, String transform,
            ai.onnx.proto.OnnxMl.AttributeProto nearestMode) {
        c.requireFloat(op, op.input(0));
        int[] in = c.shape(op.input(0));
        int[] size = c.intConstant(op, op.input(1), "size");
        c.expectShape(op, op.outputs()[0], new int[] {in[0], size[0], size[1], in[3]});
        String name = c.tensor(op.outputs()[0]).name();
        String sizes = c.onnx.longs(name + "/sizes", new long[] {in[0], in[3], size[0], size[1]}, 4);
        c.onnx.node("Resize", List.of(c.value(op.input(0)), "", "", sizes), c.output(op.outputs()[0]),
                OnnxGraph.string("mode", mode), OnnxGraph.string("coordinate_transformation_mode", transform),
                nearestMode);
    }

    /** TF's DEPTH_TO_SPACE orders the moved channels as ONNX's DCR mode does. */
    static void depthToSpace(TfliteModel.Op op, GraphConverter c) {
        c.requireFloat(op, op.input(0));
        int block = BuiltinOptions.of(op, new DepthToSpaceOptions()).blockSize();
        c.onnx.node("DepthToSpace", List.of(c.value(op.input(0))), c.output(op.outputs()[0]),
                OnnxGraph.integer("blocksize", block), OnnxGraph.string("mode", "DCR"));
    }

    static void spaceToDepth(TfliteModel.Op op, GraphConverter c) {
        c.requireFloat(op, op.input(0));
        int block = BuiltinOptions.of(op, new SpaceToDepthOptions()).blockSize();
        c.onnx.node("SpaceToDepth", List.of(c.value(op.input(0))), c.output(op.outputs()[0]),
                OnnxGraph.integer("blocksize", block));
    }
}
