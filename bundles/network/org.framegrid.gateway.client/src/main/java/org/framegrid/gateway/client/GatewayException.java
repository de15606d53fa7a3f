package org.framegrid.gateway.client;

import java.io.IOException;

/** The gateway refused a call; {@link #status()} is its HTTP status, the message its one-line reason. */
public final class GatewayException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public GatewayException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }
}
