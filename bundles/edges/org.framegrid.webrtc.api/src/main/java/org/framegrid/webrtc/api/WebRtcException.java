package org.framegrid.webrtc.api;

/** A WebRTC request that cannot be served, with the HTTP status a WHIP/WHEP endpoint answers it with. */
public final class WebRtcException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    /**
     * @param status 400 (the client's SDP), 404 (no such outlet or peer), 503 (WebRTC not available here)
     * @param message one line: what was asked and why it cannot be done
     */
    public WebRtcException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }
}
