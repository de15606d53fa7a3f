package org.framegrid.inference.models.descriptor;

/** A model descriptor is malformed; the message names the model's origin, the key and what is wrong. */
public final class DescriptorException extends Exception {

    private static final long serialVersionUID = 1L;

    public DescriptorException(String message) {
        super(message);
    }
}
