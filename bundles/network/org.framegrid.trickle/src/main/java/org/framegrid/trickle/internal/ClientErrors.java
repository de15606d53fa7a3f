package org.framegrid.trickle.internal;

import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The log of one server's refused requests, one line each and at most {@value #LINES_PER_WINDOW} lines a minute: a
 * client that sends a thousand malformed bodies must not write a thousand stack traces (7,071 lines were seen). What
 * was not logged is counted in one line when the next minute's first error comes. Thread-safe.
 */
final class ClientErrors {
    private static final Logger LOG = Logger.getLogger(ClientErrors.class.getName());
    static final int LINES_PER_WINDOW = 10;
    private static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    private volatile String server = "";
    private long windowStart = System.nanoTime(); // guarded by this
    private int logged; // guarded by this
    private long suppressed; // guarded by this

    /** Names the server in the lines, once it listens. */
    void named(String base) {
        server = base;
    }

    /** A request was refused with a 4xx: {@code line} says what and why, e.g. {@code "400 POST /v1/x: ..."}. */
    void client(String line) {
        if (admit()) {
            LOG.info(() -> server + ": " + line);
        }
    }

    /** A route failed (500): logged with its stack trace, as a bug, within the same budget. */
    void server(String line, Throwable cause) {
        if (admit()) {
            LOG.log(Level.WARNING, server + ": " + line, cause);
        }
    }

    private boolean admit() {
        long earlier;
        synchronized (this) {
            long now = System.nanoTime();
            earlier = 0;
            if (now - windowStart > WINDOW_NANOS) {
                earlier = suppressed;
                windowStart = now;
                logged = 0;
                suppressed = 0;
            }
            if (logged >= LINES_PER_WINDOW) {
                suppressed++;
                return false;
            }
            logged++;
        }
        if (earlier > 0) {
            long n = earlier;
            LOG.info(() -> server + ": " + n + " more refused requests in the last minute were not logged");
        }
        return true;
    }
}
