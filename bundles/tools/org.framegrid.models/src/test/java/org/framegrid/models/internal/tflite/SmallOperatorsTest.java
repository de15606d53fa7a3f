package org.framegrid.models.internal.tflite;

import static org.framegrid.models.internal.tflite.OperatorMappingTest.TOLERANCE;
import static org.framegrid.models.internal.tflite.OperatorMappingTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

import org.framegrid.models.internal.tflite.NhwcReference.T;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.DivOptionsT;
import org.tensorflow.lite.schema.LeakyReluOptionsT;
import org.tensorflow.lite.schema.ResizeNearestNeighborOptionsT;
import org.tensorflow.lite.schema.SpaceToDepthOptionsT;
import org.tensorflow.lite.schema.SubOptionsT;

/** The covered operators no MediaPipe model here uses, each checked once so the table claims nothing untested. */
class SmallOperatorsTest {

    final Random random = new Random(11);
    final T x = new T(NhwcReference.uniform(random, 2 * 3 * 4), 1, 2, 3, 4);
    final T y = new T(NhwcReference.uniform(random, 2 * 3 * 4), 1, 2, 3, 4);

    @Test
    void unaryActivations() throws Exception {
        unary(BuiltinOperator.TANH, (byte) 0, null, Math::tanh);
        unary(BuiltinOperator.RELU6, (byte) 0, null, v -> Math.min(Math.max(3 * v, 0), 6) / 3);
        unary(BuiltinOperator.RELU_N1_TO_1, (byte) 0, null, v -> Math.min(Math.max(3 * v, -1), 1) / 3);
        LeakyReluOptionsT leaky = new LeakyReluOptionsT();
        leaky.setAlpha(0.2f);
        unary(BuiltinOperator.LEAKY_RELU, BuiltinOptions.LeakyReluOptions, leaky, v -> v >= 0 ? v : 0.2 * v);
    }

    /** op(3x) / 3 for the clipping ones, so that the clip bounds are reached with inputs in [-1, 1). */
    private void unary(int op, byte optionsType, Object options, DoubleUnaryOperator expected) throws Exception {
        boolean scaled = op == BuiltinOperator.RELU6 || op == BuiltinOperator.RELU_N1_TO_1;
        TinyModel m = new TinyModel();
        int in = m.input("x", 1, 2, 3, 4);
        int out = m.tensor("y", 1, 2, 3, 4);
        m.op(op, optionsType, options, new int[] {in}, out);
        float[] input = x.v().clone();
        float[] want = new float[input.length];
        for (int i = 0; i < input.length; i++) {
            input[i] = scaled ? 3 * input[i] : input[i];
            want[i] = (float) (scaled ? 3 * expected.applyAsDouble(input[i] / 3) : expected.applyAsDouble(input[i]));
        }
        assertArrayEquals(want, run(m.build(out), input), TOLERANCE, BuiltinOperator.name(op));
    }

    @Test
    void binaryArithmeticAgainstAConstant() throws Exception {
        binary(BuiltinOperator.SUB, BuiltinOptions.SubOptions, new SubOptionsT(), (a, b) -> a - b);
        binary(BuiltinOperator.DIV, BuiltinOptions.DivOptions, new DivOptionsT(), (a, b) -> a / (b + 2));
        binary(BuiltinOperator.MAXIMUM, (byte) 0, null, Math::max);
        binary(BuiltinOperator.MINIMUM, (byte) 0, null, Math::min);
    }

    private void binary(int op, byte optionsType, Object options, DoubleBinaryOperator expected) throws Exception {
        // DIV divides by y + 2 (kept away from zero); the constant is rank 4 and is moved to NCHW at conversion.
        float[] constant = y.v().clone();
        if (op == BuiltinOperator.DIV) {
            for (int i = 0; i < constant.length; i++) {
                constant[i] += 2;
            }
        }
        TinyModel m = new TinyModel();
        int in = m.input("x", 1, 2, 3, 4);
        int out = m.tensor("z", 1, 2, 3, 4);
        m.op(op, optionsType, options, new int[] {in, m.floats("c", constant, 1, 2, 3, 4)}, out);
        float[] want = new float[x.v().length];
        for (int i = 0; i < want.length; i++) {
            want[i] = (float) expected.applyAsDouble(x.v()[i], y.v()[i]);
        }
        assertArrayEquals(want, run(m.build(out), x.v()), TOLERANCE, BuiltinOperator.name(op));
    }

    @Test
    void spaceToDepthUndoesDepthToSpace() throws Exception {
        T wide = new T(NhwcReference.uniform(random, 4 * 6 * 2), 1, 4, 6, 2);
        TinyModel m = new TinyModel();
        int in = m.input("x", 1, 4, 6, 2);
        int out = m.tensor("y", 1, 2, 3, 8);
        SpaceToDepthOptionsT o = new SpaceToDepthOptionsT();
        o.setBlockSize(2);
        m.op(BuiltinOperator.SPACE_TO_DEPTH, BuiltinOptions.SpaceToDepthOptions, o, new int[] {in}, out);
        T result = new T(run(m.build(out), wide.v()), 1, 2, 3, 8);
        assertArrayEquals(wide.v(), NhwcReference.depthToSpace(result, 2).v(), 0f);
    }

    @Test
    void padV2FillsWithItsConstant() throws Exception {
        TinyModel m = new TinyModel();
        int in = m.input("x", 1, 1, 2, 1);
        int out = m.tensor("y", 1, 1, 4, 1);
        m.op(BuiltinOperator.PADV2, (byte) 0, null, new int[] {in, m.ints("p", new int[] {0, 0, 0, 0, 1, 1, 0, 0}, 4, 2),
            m.floats("fill", new float[] {-7}, 1)}, out);
        assertArrayEquals(new float[] {-7, 0.5f, 0.25f, -7}, run(m.build(out), new float[] {0.5f, 0.25f}), 0f);
    }

    @Test
    void resizeNearestWithHalfPixelCenters() throws Exception {
        // TF: source index floor((x + 0.5) * in / out); 3 -> 5 picks 0, 0, 1, 2, 2.
        TinyModel m = new TinyModel();
        int in = m.input("x", 1, 1, 3, 1);
        int out = m.tensor("y", 1, 1, 5, 1);
        ResizeNearestNeighborOptionsT o = new ResizeNearestNeighborOptionsT();
        o.setHalfPixelCenters(true);
        m.op(BuiltinOperator.RESIZE_NEAREST_NEIGHBOR, BuiltinOptions.ResizeNearestNeighborOptions, o,
                new int[] {in, m.ints("size", new int[] {1, 5}, 2)}, out);
        assertArrayEquals(new float[] {10, 10, 20, 30, 30}, run(m.build(out), new float[] {10, 20, 30}), 0f);
    }
}
