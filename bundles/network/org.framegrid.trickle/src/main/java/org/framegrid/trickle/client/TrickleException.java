package org.framegrid.trickle.client;

import java.io.IOException;

/** A trickle request answered with an error status. */
public final class TrickleException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final boolean channelClosed;
    private final long nextSequence;

    /**
     * @param message one line naming the channel and what went wrong
     * @param status the HTTP status
     * @param channelClosed whether the server said the channel is closed
     * @param nextSequence the sequence the server expects next (409 replies), or -1
     */
    public TrickleException(String message, int status, boolean channelClosed, long nextSequence) {
        super(message);
        this.status = status;
        this.channelClosed = channelClosed;
        this.nextSequence = nextSequence;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return whether the channel is closed for good */
    public boolean channelClosed() {
        return channelClosed;
    }

    /** @return the sequence the server expects next, or -1 */
    public long nextSequence() {
        return nextSequence;
    }
}
