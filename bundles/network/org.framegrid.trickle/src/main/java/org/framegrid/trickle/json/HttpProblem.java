package org.framegrid.trickle.json;

/**
 * A request that cannot be served, with the HTTP status that says why: thrown by a route, answered by
 * {@link JsonRoutes} as {@code {"error": message}}.
 */
public final class HttpProblem extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    /**
     * @param status the HTTP status, e.g. 400, 404, 503
     * @param message one line naming what was asked and why it cannot be done
     */
    public HttpProblem(int status, String message) {
        super(message);
        this.status = status;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }
}
