package org.framegrid.chain.api;

/**
 * A chain call failed. {@link #reason()} is readable text: a contract's revert reason decoded from the node's answer
 * (e.g. {@code "BondingManager: insufficient bonded amount"} - never the raw ABI hex), or what went wrong on the way
 * (no node at the URL, a bad address, a locked keystore). {@link #getMessage()} is {@code "operation: reason"}, one
 * line, fit for an operator.
 */
public class ChainException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String reason;
    private final boolean reverted;

    /**
     * @param operation what was attempted, e.g. {@code "bond"}
     * @param reason    why it failed, readable text
     * @param reverted  {@code true} when the contract itself refused (a revert), {@code false} for any other failure
     */
    public ChainException(String operation, String reason, boolean reverted) {
        this(operation, reason, reverted, null);
    }

    public ChainException(String operation, String reason, boolean reverted, Throwable cause) {
        super(operation + ": " + reason, cause);
        this.operation = operation;
        this.reason = reason;
        this.reverted = reverted;
    }

    /** @return what was attempted, e.g. {@code "unbond"} */
    public String operation() {
        return operation;
    }

    /** @return why it failed: the decoded revert reason, or a description of the failure */
    public String reason() {
        return reason;
    }

    /** @return {@code true} when a contract refused the call (revert), as opposed to a connection or input problem */
    public boolean reverted() {
        return reverted;
    }
}
