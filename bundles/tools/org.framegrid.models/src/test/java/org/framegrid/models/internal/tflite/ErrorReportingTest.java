package org.framegrid.models.internal.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.BuiltinOperator;

/** Unsupported operators and bad input fail with one clear line naming what and where. */
class ErrorReportingTest {

    @Test
    void customOperatorIsNamedWithItsPositionAndOutput() {
        TinyModel m = new TinyModel();
        int in = m.input("x", 1, 4, 4, 2);
        int a = m.tensor("relu_out", 1, 4, 4, 2);
        int out = m.tensor("transform_out", 1, 4, 4, 2);
        m.op(BuiltinOperator.RELU, (byte) 0, null, new int[] {in}, a);
        m.custom("TransformTensorBilinear", new byte[0], new int[] {a}, out);
        UnsupportedOperatorException e = assertThrows(UnsupportedOperatorException.class,
                () -> TfliteToOnnx.convert(m.build(out), TfliteToOnnx.Options.defaults()));
        assertEquals("TransformTensorBilinear", e.site().operator());
        assertEquals(BuiltinOperator.CUSTOM, e.site().builtinCode());
        assertEquals(1, e.site().operatorIndex());
        assertEquals("transform_out", e.site().outputTensor());
        assertTrue(e.getMessage().startsWith("TFLite operator TransformTensorBilinear (custom) at operator #1 "
                + "(output tensor 'transform_out') is not supported: no ONNX mapping; covered: ADD, "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    @Test
    void builtinOperatorIsNamedWithItsCode() {
        TinyModel m = new TinyModel();
        int in = m.input("x", 1, 4);
        int out = m.tensor("y", 1, 4);
        m.op(BuiltinOperator.CUMSUM, (byte) 0, null, new int[] {in, m.ints("axis", new int[] {1})}, out);
        UnsupportedOperatorException e = assertThrows(UnsupportedOperatorException.class,
                () -> TfliteToOnnx.convert(m.build(out), TfliteToOnnx.Options.defaults()));
        assertEquals("CUMSUM", e.site().operator());
        assertTrue(e.getMessage().startsWith("TFLite operator CUMSUM (builtin code " + BuiltinOperator.CUMSUM
                + ") at operator #0 (output tensor 'y')"), e.getMessage());
    }

    @Test
    void computedInputToDequantizeIsAVariantThatIsNotCovered() {
        TinyModel m = new TinyModel();
        int in = m.input("x", 1, 4);
        int out = m.tensor("y", 1, 4);
        m.op(BuiltinOperator.DEQUANTIZE, (byte) 0, null, new int[] {in}, out);
        UnsupportedOperatorException e = assertThrows(UnsupportedOperatorException.class,
                () -> TfliteToOnnx.convert(m.build(out), TfliteToOnnx.Options.defaults()));
        assertTrue(e.getMessage().contains("is computed, not a constant"), e.getMessage());
    }

    @Test
    void bytesThatAreNotTfliteSayWhatWasFound() {
        byte[] onnxLike = {8, 8, 18, 4, 'o', 'n', 'n', 'x', 0, 0, 0, 0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TfliteToOnnx.convert(onnxLike, TfliteToOnnx.Options.defaults()));
        assertEquals("not a TFLite model: file identifier 'onnx' at byte 4, expected 'TFL3'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TfliteToOnnx.convert(new byte[3], TfliteToOnnx.Options.defaults()));
    }
}
