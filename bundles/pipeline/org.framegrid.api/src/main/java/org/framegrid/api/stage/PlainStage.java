package org.framegrid.api.stage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Base of a stage that holds no resource but its context and its newest properties: {@link #start()} and
 * {@link #stop()} have nothing to acquire or release. A subclass writes {@link #process} and, where it keeps property
 * values in fields, reads them in {@link #apply}, which {@link #configure} and every {@link #update} call.
 *
 * @since 1.6
 */
@ConsumerType
public abstract class PlainStage implements Stage {

    /** Set by {@link #configure}. */
    protected StageContext context;
    /** Set by {@link #configure}, replaced by every {@link #update}. */
    protected volatile StageProperties properties;

    @Override
    public void configure(StageContext context, StageProperties properties) throws Exception {
        this.context = context;
        this.properties = properties;
        apply(properties);
    }

    /**
     * Reads the properties into the subclass's fields; called by {@link #configure} and by each {@link #update}.
     * Does nothing here.
     *
     * @param properties every declared property
     * @throws Exception if the values cannot be used
     */
    protected void apply(StageProperties properties) throws Exception {
    }

    @Override
    public void start() throws Exception {
    }

    @Override
    public void update(StageProperties properties) throws Exception {
        this.properties = properties;
        apply(properties);
    }

    @Override
    public void stop() {
    }
}
