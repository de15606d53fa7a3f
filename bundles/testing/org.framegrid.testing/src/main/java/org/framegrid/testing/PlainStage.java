package org.framegrid.testing;

/**
 * A test stage with nothing to acquire or release: it keeps its context and its newest properties, and a subclass
 * writes {@link #process} (and overrides the rest where a test watches the life cycle). The life cycle is the API's
 * {@link org.framegrid.api.stage.PlainStage}; this name stays for the tests written against it.
 */
public abstract class PlainStage extends org.framegrid.api.stage.PlainStage {
}
