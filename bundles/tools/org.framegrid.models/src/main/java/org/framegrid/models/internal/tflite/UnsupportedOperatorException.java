package org.framegrid.models.internal.tflite;

import java.io.Serializable;

/**
 * A TFLite operator, or a variant of one (a quantized input, non-constant weights, an option value), that the
 * converter does not map to ONNX. The message is one line: operator, position in the graph, and why.
 */
public final class UnsupportedOperatorException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Where the refused operator stands.
     *
     * @param operator      the builtin operator's name (e.g. {@code STRIDED_SLICE}) or the custom operator's code
     * @param builtinCode   the TFLite builtin code; 32 ({@code CUSTOM}) for custom operators
     * @param operatorIndex the operator's index in the (first) subgraph's execution order
     * @param outputTensor  the name of the operator's first output tensor
     */
    public record Site(String operator, int builtinCode, int operatorIndex, String outputTensor)
            implements Serializable {
        @Override
        public String toString() {
            return operator + (builtinCode == 32 ? " (custom)" : " (builtin code " + builtinCode + ")")
                    + " at operator #" + operatorIndex + " (output tensor '" + outputTensor + "')";
        }
    }

    private final Site site;

    UnsupportedOperatorException(Site site, String reason) {
        super("TFLite operator " + site + " is not supported: " + reason);
        this.site = site;
    }

    /** @return the refused operator and where it stands in the graph */
    public Site site() {
        return site;
    }
}
