package org.framegrid.models.internal.tflite;

import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.tensorflow.lite.schema.BuiltinOperator;

/** Which TFLite operators the converter maps, and to what. */
final class OperatorTable {

    /** Converts one operator, writing its outputs into the conversion. */
    @FunctionalInterface
    interface Mapping {
        void convert(TfliteModel.Op op, GraphConverter conversion);
    }

    private static final Map<Integer, Mapping> BUILTIN = Map.ofEntries(
            Map.entry(BuiltinOperator.CONV_2D, ConvOps::conv2d),
            Map.entry(BuiltinOperator.DEPTHWISE_CONV_2D, ConvOps::depthwise),
            Map.entry(BuiltinOperator.TRANSPOSE_CONV, ConvOps::transposeConv),
            Map.entry(BuiltinOperator.FULLY_CONNECTED, ConvOps::fullyConnected),
            Map.entry(BuiltinOperator.AVERAGE_POOL_2D, PoolOps::averagePool),
            Map.entry(BuiltinOperator.MAX_POOL_2D, PoolOps::maxPool),
            Map.entry(BuiltinOperator.MEAN, PoolOps::mean),
            Map.entry(BuiltinOperator.ADD, ElementwiseOps::add),
            Map.entry(BuiltinOperator.SUB, ElementwiseOps::sub),
            Map.entry(BuiltinOperator.MUL, ElementwiseOps::mul),
            Map.entry(BuiltinOperator.DIV, ElementwiseOps::div),
            Map.entry(BuiltinOperator.MAXIMUM, ElementwiseOps::maximum),
            Map.entry(BuiltinOperator.MINIMUM, ElementwiseOps::minimum),
            Map.entry(BuiltinOperator.LOGISTIC, ElementwiseOps::logistic),
            Map.entry(BuiltinOperator.TANH, ElementwiseOps::tanh),
            Map.entry(BuiltinOperator.RELU, ElementwiseOps::relu),
            Map.entry(BuiltinOperator.RELU6, ElementwiseOps::relu6),
            Map.entry(BuiltinOperator.RELU_N1_TO_1, ElementwiseOps::reluN1To1),
            Map.entry(BuiltinOperator.LEAKY_RELU, ElementwiseOps::leakyRelu),
            Map.entry(BuiltinOperator.PRELU, ElementwiseOps::prelu),
            Map.entry(BuiltinOperator.HARD_SWISH, ElementwiseOps::hardSwish),
            Map.entry(BuiltinOperator.DEQUANTIZE, ElementwiseOps::dequantize),
            Map.entry(BuiltinOperator.DENSIFY, ElementwiseOps::densify),
            Map.entry(BuiltinOperator.RESHAPE, ShapeOps::reshape),
            Map.entry(BuiltinOperator.CONCATENATION, ShapeOps::concatenation),
            Map.entry(BuiltinOperator.PAD, ShapeOps::pad),
            Map.entry(BuiltinOperator.PADV2, ShapeOps::pad),
            Map.entry(BuiltinOperator.RESIZE_BILINEAR, ShapeOps::resizeBilinear),
            Map.entry(BuiltinOperator.RESIZE_NEAREST_NEIGHBOR, ShapeOps::resizeNearest),
            Map.entry(BuiltinOperator.DEPTH_TO_SPACE, ShapeOps::depthToSpace),
            Map.entry(BuiltinOperator.SPACE_TO_DEPTH, ShapeOps::spaceToDepth));

    /** MediaPipe's custom operators (registered by its calculators, not by TFLite). */
    private static final Map<String, Mapping> CUSTOM = Map.of(
            "Convolution2DTransposeBias", ConvOps::transposeConvBias);

    private OperatorTable() {
    }

    static Mapping converter(TfliteModel.Op op, GraphConverter conversion) {
        Mapping mapping = op.builtinCode() == BuiltinOperator.CUSTOM ? CUSTOM.get(op.custom()) : BUILTIN.get(op.builtinCode());
        if (mapping == null) {
            throw conversion.unsupported(op, "no ONNX mapping; covered: " + String.join(", ", covered()));
        }
        return mapping;
    }

    /** The covered operators by name, builtin then custom. */
    static TreeSet<String> covered() {
        TreeSet<String> names = BUILTIN.keySet().stream().map(BuiltinOperator::name)
                .collect(Collectors.toCollection(TreeSet::new));
        names.addAll(CUSTOM.keySet());
        return names;
    }
}
