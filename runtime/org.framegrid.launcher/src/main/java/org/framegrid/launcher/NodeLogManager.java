package org.framegrid.launcher;

import java.util.logging.LogManager;

/**
 * Keeps the log open until the framework has stopped. JUL's own shutdown hook resets (closes) every handler while
 * ours is still stopping bundles, which would swallow the deactivation messages an operator wants to see after
 * SIGTERM. Installed through {@code java.util.logging.manager} before the first use of JUL.
 */
public final class NodeLogManager extends LogManager {

    private volatile boolean shuttingDown;

    /** Called by the launcher's shutdown hook before it stops the framework. */
    void holdUntilClosed() {
        shuttingDown = true;
    }

    @Override
    public void reset() {
        if (!shuttingDown) {
            super.reset();
        }
    }

    /** Flushes and closes the handlers for good, at the very end of the shutdown hook. */
    void close() {
        shuttingDown = false;
        super.reset();
    }
}
