package org.framegrid.chain.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: register a service of this type to hear about rounds. Called on the round watcher's thread, in order;
 * keep it short (hand long work to your own executor). An exception is logged and does not stop other listeners.
 */
@ConsumerType
public interface RoundListener {

    /** Called once per event. */
    void roundEvent(RoundEvent event);
}
