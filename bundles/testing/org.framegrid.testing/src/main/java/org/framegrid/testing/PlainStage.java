package org.framegrid.testing;

import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageProperties;

/**
 * A test stage with nothing to acquire or release: it keeps its context and its newest properties, and a subclass
 * writes {@link #process} (and overrides the rest where a test watches the life cycle).
 */
public abstract class PlainStage implements Stage {

    /** Set by {@link #configure}. */
    protected StageContext context;
    /** Set by {@link #configure}, replaced by every {@link #update}. */
    protected StageProperties properties;

    @Override
    public void configure(StageContext context, StageProperties properties) {
        this.context = context;
        this.properties = properties;
    }

    @Override
    public void start() throws Exception {
    }

    @Override
    public void update(StageProperties properties) throws Exception {
        this.properties = properties;
    }

    @Override
    public void stop() {
    }
}
