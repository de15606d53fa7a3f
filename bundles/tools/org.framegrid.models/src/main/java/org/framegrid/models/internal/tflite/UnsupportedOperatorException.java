package org.framegrid.models.internal.tflite;

/**
 * A TFLite operator, or a variant of one (a quantized input, non-constant weights, an option value), that the
 * converter does not map to ONNX. The message is one line: operator, position in the graph, and why.
 */
public final class UnsupportedOperatorException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String operator;
    private final int builtinCode;
    private final int operatorIndex;
    private final String outputTensor;

    UnsupportedOperatorException(String operator, int builtinCode, int operatorIndex, String outputTensor,
            String reason) {
        super("TFLite operator " + operator + (builtinCode == 32 ? " (custom)" : " (builtin code " + builtinCode + ")")
                + " at operator #" + operatorIndex + " (output tensor '" + outputTensor + "') is not supported: "
                + reason);
        this.operator = operator;
        this.builtinCode = builtinCode;
        this.operatorIndex = operatorIndex;
        this.outputTensor = outputTensor;
    }

    /** The builtin operator's name (e.g. {@code STRIDED_SLICE}) or the custom operator's code. */
    public String operator() {
        return operator;
    }

    /** The TFLite builtin code; 32 ({@code CUSTOM}) for custom operators. */
    public int builtinCode() {
        return builtinCode;
    }

    /** The operator's index in the (first) subgraph's execution order. */
    public int operatorIndex() {
        return operatorIndex;
    }

    /** The name of the operator's first output tensor. */
    public String outputTensor() {
        return outputTensor;
    }
}
