package org.framegrid.inference.api;

/**
 * A model could not be loaded or run: a bad or truncated file, a signature that does not match the descriptor, a
 * wrong input shape. The message says which model and what is wrong; the node keeps running.
 */
public class InferenceException extends Exception {

    private static final long serialVersionUID = 1L;

    public InferenceException(String message) {
        super(message);
    }

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
