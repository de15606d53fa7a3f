package org.framegrid.pipeline.engine.embedded;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.framegrid.api.frame.FramePool;
import org.framegrid.api.pipeline.FramePoolStatus;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineDefinitionException;
import org.framegrid.api.pipeline.PipelineProblem;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StageCatalog;
import org.framegrid.api.pipeline.StreamHandle;
import org.framegrid.api.pipeline.StreamStatus;
import org.framegrid.api.pipeline.StreamStatusListener;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.pipeline.engine.internal.Engine;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The pipeline engine in a plain JVM: the caller adds and removes the stage providers that DS would bind in a node,
 * then registers pipelines and starts streams. It owns the engine's threads; {@link #close()} stops every stream and
 * ends them. In a node, the engine's DS component is this class with the bindings DS makes; no other bundle extends
 * it.
 */
@ProviderType
public class EmbeddedEngine implements PipelineService, StageCatalog, AutoCloseable {

    private final Engine engine;

    /**
     * @param statusPeriodMillis how often every stream's status is published to the listeners (a node uses 10 000)
     * @param virtualFrameThreads whether frame threads are virtual threads (a node uses platform threads: stages call
     *        native code, which pins a virtual thread's carrier)
     */
    public EmbeddedEngine(long statusPeriodMillis, boolean virtualFrameThreads) {
        this.engine = new Engine(statusPeriodMillis, virtualFrameThreads);
    }

    /**
     * Adds a provider. When it becomes its type's best, running streams switch to it at a frame boundary.
     *
     * @param provider the provider
     * @param ranking higher wins (the service ranking in a node)
     * @param id unique; among equal rankings the lower wins (the service id in a node)
     * @param label shown in status, e.g. {@code bsn:version}
     */
    public void addProvider(StageProvider provider, int ranking, long id, String label) {
        engine.addProvider(provider, ranking, id, label);
    }

    /**
     * Removes a provider; streams running it switch to the next best one (or bypass or hold that node) before this
     * returns.
     *
     * @param id the id given to {@link #addProvider}
     */
    public void removeProvider(long id) {
        engine.removeProvider(id);
    }

    /** A provider's ranking changed: streams switch if another provider became its type's best. */
    public void rankingChanged(long id, int ranking) {
        engine.rankingChanged(id, ranking);
    }

    /** @param listener told about every stream's status, in order, on the engine's status thread */
    public void addListener(StreamStatusListener listener) {
        engine.addListener(listener);
    }

    /** @param listener no longer told */
    public void removeListener(StreamStatusListener listener) {
        engine.removeListener(listener);
    }

    /** @return the frame pool every stream uses (for leak checks: {@link FramePool#outstanding()}) */
    public FramePool pool() {
        return engine.pool();
    }

    /** @return how many frame threads are running now */
    public int frameThreads() {
        return engine.frameThreads();
    }

    @Override
    public Optional<StageDescriptor> find(String type) {
        return engine.find(type);
    }

    @Override
    public Collection<StageDescriptor> all() {
        return engine.all();
    }

    @Override
    public List<PipelineProblem> check(PipelineDefinition definition) {
        return engine.check(definition);
    }

    @Override
    public void register(PipelineDefinition definition) throws PipelineDefinitionException {
        engine.register(definition);
    }

    @Override
    public boolean remove(String name) {
        return engine.remove(name);
    }

    @Override
    public Optional<PipelineDefinition> definition(String name) {
        return engine.definition(name);
    }

    @Override
    public Collection<PipelineDefinition> definitions() {
        return engine.definitions();
    }

    @Override
    public StreamHandle start(String pipeline, String streamId, Map<String, Object> params)
            throws PipelineDefinitionException {
        return engine.start(pipeline, streamId, params);
    }

    @Override
    public StreamHandle start(PipelineDefinition definition, String streamId, Map<String, Object> params)
            throws PipelineDefinitionException {
        return engine.start(definition, streamId, params);
    }

    @Override
    public Optional<StreamHandle> stream(String streamId) {
        return engine.stream(streamId);
    }

    @Override
    public Collection<StreamHandle> streams() {
        return engine.streams();
    }

    @Override
    public void update(String streamId, Map<String, Object> params) throws PipelineDefinitionException {
        engine.update(streamId, params);
    }

    @Override
    public boolean stop(String streamId) {
        return engine.stop(streamId);
    }

    @Override
    public Optional<StreamStatus> status(String streamId) {
        return engine.status(streamId);
    }

    @Override
    public FramePoolStatus framePool() {
        return engine.framePool();
    }

    /** Stops every stream, then the engine's threads. */
    @Override
    public void close() {
        engine.close();
    }
}
