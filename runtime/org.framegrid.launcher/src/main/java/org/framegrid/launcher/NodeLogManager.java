package org.framegrid.launcher;

import java.util.logging.LogManager;

/**
 * Keeps the log open until the framework has stopped. JUL's own shutdown hook calls {@link #reset()}, which closes
 * every handler, and it runs at the same time as the launcher's hook that is still stopping bundles: the deactivation
 * messages an operator wants to see after SIGTERM would be lost. So {@code reset()} does nothing here; the launcher
 * clears the handlers itself when it configures logging, and closes them as the last step of its shutdown hook.
 * Installed through {@code java.util.logging.manager} before the first use of JUL.
 */
public final class NodeLogManager extends LogManager {

    @Override
    public void reset() {
        // ignored: see the class comment
    }

    /** Removes and closes every handler, for a new set-up or at the very end of the shutdown hook. */
    void clear() {
        super.reset();
    }
}
