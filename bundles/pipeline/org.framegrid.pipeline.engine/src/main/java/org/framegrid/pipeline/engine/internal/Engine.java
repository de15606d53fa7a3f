package org.framegrid.pipeline.engine.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.framegrid.api.frame.FramePool;
import org.framegrid.api.pipeline.DidYouMean;
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

/**
 * The pipeline engine without OSGi: definitions, running streams, the stage providers and the threads. The DS
 * component feeds it providers and listeners; unit tests and the benchmark call {@link #addProvider} themselves.
 *
 * <p>Threads it owns: one frame thread per node per stream (platform threads by default: stages call native code,
 * which would pin a virtual thread's carrier and stall other streams), virtual threads that prepare replacement
 * instances, and one status thread that ticks periodically and calls the listeners in order. {@link #close()} ends
 * them all.
 */
public final class Engine implements PipelineService, StageCatalog, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Engine.class.getName());

    private final ProviderRegistry registry = new ProviderRegistry();
    /** The registered definitions, assembled: a stream of one starts from its assembly. */
    private final Map<String, Assembly> definitions = new ConcurrentHashMap<>();
    private final Map<String, StreamRunner> streams = new ConcurrentHashMap<>();
    private final List<StreamStatusListener> listeners = new CopyOnWriteArrayList<>();
    private final DirectFramePool pool = new DirectFramePool(64);
    private final AtomicInteger frameThreads = new AtomicInteger();
    private final boolean virtualFrameThreads;
    private final long statusPeriodMillis;
    private final ExecutorService control = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("framegrid-engine-control-", 0).factory());
    private final ScheduledExecutorService status = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("framegrid-engine-status").factory());

    /**
     * @param statusPeriodMillis how often every stream's status is published (10 000 in production)
     * @param virtualFrameThreads whether frame threads are virtual threads
     */
    public Engine(long statusPeriodMillis, boolean virtualFrameThreads) {
        this.virtualFrameThreads = virtualFrameThreads;
        this.statusPeriodMillis = statusPeriodMillis;
        status.scheduleAtFixedRate(this::tick, statusPeriodMillis, statusPeriodMillis, TimeUnit.MILLISECONDS);
    }

    /** The production engine: status every 10 s, platform frame threads. */
    public Engine() {
        this(10_000, false);
    }

    // ---- providers and listeners (fed by the DS component or by tests) ----

    /**
     * Adds a provider. When it becomes its type's best, running streams switch to it at a frame boundary (the new
     * instance is started before the old one is stopped).
     *
     * @param provider the provider
     * @param ranking higher wins
     * @param id unique; among equal rankings the lower wins
     * @param label shown in status, e.g. {@code bsn:version}
     */
    public void addProvider(StageProvider provider, int ranking, long id, String label) {
        ProviderEntry entry = new ProviderEntry(provider, provider.descriptor(), ranking, id, label);
        ProviderEntry before = registry.add(entry);
        ProviderEntry best = registry.best(entry.descriptor().type());
        if (best != before) {
            streams.values().forEach(s -> s.providerChanged(best.descriptor().type(), best));
        }
    }

    /**
     * Removes a provider. Streams running it switch to the next best provider, or bypass/hold that node, before this
     * method returns: afterwards none of its instances runs.
     *
     * @param id the id given to {@link #addProvider}
     */
    public void removeProvider(long id) {
        ProviderEntry gone = registry.remove(id);
        if (gone != null) {
            ProviderEntry next = registry.best(gone.descriptor().type());
            streams.values().forEach(s -> s.providerGone(gone, next));
        }
    }

    /** A provider's ranking changed: re-rank it; streams switch if it or another provider became the best. */
    public void rankingChanged(long id, int ranking) {
        ProviderEntry old = registry.remove(id);
        if (old != null) {
            registry.add(new ProviderEntry(old.provider(), old.descriptor(), ranking, id, old.label()));
            ProviderEntry best = registry.best(old.descriptor().type());
            streams.values().forEach(s -> s.providerChanged(best.descriptor().type(), best));
        }
    }

    /** @param listener told about every stream's status */
    public void addListener(StreamStatusListener listener) {
        listeners.add(listener);
    }

    /** @param listener no longer told */
    public void removeListener(StreamStatusListener listener) {
        listeners.remove(listener);
    }

    /** @return the frame pool every stream uses (for leak checks: {@link FramePool#outstanding()}) */
    public FramePool pool() {
        return pool;
    }

    /** @return how many frame threads are running now */
    public int frameThreads() {
        return frameThreads.get();
    }

    // ---- StageCatalog ----

    @Override
    public Optional<StageDescriptor> find(String type) {
        return Optional.ofNullable(registry.best(type)).map(ProviderEntry::descriptor);
    }

    @Override
    public Collection<StageDescriptor> all() {
        return registry.available();
    }

    @Override
    public List<PipelineProblem> check(PipelineDefinition definition) {
        return assemble(definition).plan(Map.of()).problems();
    }

    private Assembly assemble(PipelineDefinition definition) {
        long generation = registry.generation(); // read first: a change while assembling makes the result stale
        return Assembler.assemble(definition, generation, registry::known, registry.knownTypes());
    }

    // ---- PipelineService ----

    /** Assembles the definition once; its streams start from that assembly while the providers stay the same. */
    @Override
    public void register(PipelineDefinition definition) throws PipelineDefinitionException {
        Assembly assembly = assemble(definition);
        List<PipelineProblem> problems = assembly.plan(Map.of()).problems();
        if (!problems.isEmpty()) {
            throw new PipelineDefinitionException(problems);
        }
        definitions.put(definition.name(), assembly);
    }

    @Override
    public boolean remove(String name) {
        return definitions.remove(name) != null;
    }

    @Override
    public Optional<PipelineDefinition> definition(String name) {
        return Optional.ofNullable(definitions.get(name)).map(a -> a.definition);
    }

    @Override
    public Collection<PipelineDefinition> definitions() {
        return definitions.values().stream().map(a -> a.definition).toList();
    }

    @Override
    public StreamHandle start(String pipeline, String streamId, Map<String, Object> params)
            throws PipelineDefinitionException {
        Assembly registered = definitions.get(pipeline);
        if (registered == null) {
            throw new PipelineDefinitionException(List.of(new PipelineProblem(null, "no pipeline '" + pipeline
                    + "'" + DidYouMean.hint(pipeline, definitions.keySet()))));
        }
        if (registered.providers != registry.generation()) {
            // Stage providers came or went since it was assembled: once again, for this and later streams.
            Assembly again = assemble(registered.definition);
            definitions.replace(pipeline, registered, again);
            registered = again;
        }
        return start(registered, streamId, params);
    }

    @Override
    public StreamHandle start(PipelineDefinition definition, String streamId, Map<String, Object> params)
            throws PipelineDefinitionException {
        return start(assemble(definition), streamId, params);
    }

    private StreamHandle start(Assembly assembly, String streamId, Map<String, Object> params)
            throws PipelineDefinitionException {
        if (status.isShutdown()) {
            throw new IllegalStateException("engine closed");
        }
        Assembly.Result planned = assembly.plan(params);
        if (!planned.problems().isEmpty()) {
            throw new PipelineDefinitionException(planned.problems());
        }
        StreamRunner runner = new StreamRunner(this, assembly.definition, streamId, planned.plans());
        if (streams.putIfAbsent(streamId, runner) != null) {
            throw new IllegalStateException("stream " + streamId + " is running already");
        }
        try {
            runner.start(registry);
        } catch (PipelineDefinitionException | RuntimeException e) {
            streams.remove(streamId, runner);
            throw e;
        }
        return runner;
    }

    @Override
    public Optional<StreamHandle> stream(String streamId) {
        return Optional.ofNullable(streams.get(streamId));
    }

    @Override
    public Collection<StreamHandle> streams() {
        return List.copyOf(streams.values());
    }

    @Override
    public void update(String streamId, Map<String, Object> params) throws PipelineDefinitionException {
        StreamRunner runner = streams.get(streamId);
        if (runner == null) {
            throw new IllegalArgumentException("no stream " + streamId);
        }
        runner.update(params);
    }

    @Override
    public boolean stop(String streamId) {
        StreamRunner runner = streams.get(streamId);
        if (runner == null) {
            return false;
        }
        runner.close();
        return true;
    }

    @Override
    public FramePoolStatus framePool() {
        return new FramePoolStatus(pool.outstanding(), pool.allocated(), pool.bytesHeld());
    }

    @Override
    public Optional<StreamStatus> status(String streamId) {
        return Optional.ofNullable(streams.get(streamId)).map(StreamRunner::status);
    }

    // ---- for streams ----

    java.util.concurrent.Executor control() {
        return control;
    }

    long statusPeriodMillis() {
        return statusPeriodMillis;
    }

    Thread newFrameThread(String name, Runnable loop) {
        frameThreads.incrementAndGet();
        String threadName = "framegrid-" + name;
        return virtualFrameThreads ? Thread.ofVirtual().name(threadName).unstarted(loop)
                : Thread.ofPlatform().daemon().name(threadName).unstarted(loop);
    }

    void frameThreadEnded() {
        frameThreads.decrementAndGet();
    }

    void closed(StreamRunner runner) {
        streams.remove(runner.streamId(), runner);
    }

    /** Hands a snapshot to the listeners on the status thread, which keeps each stream's events in order. */
    void publish(StreamStatus snapshot) {
        try {
            status.execute(() -> {
                for (StreamStatusListener l : listeners) {
                    try {
                        l.statusChanged(snapshot);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "status listener failed", e);
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: the last events of a shutdown are not delivered
        }
    }

    private void tick() {
        for (StreamRunner runner : streams.values()) {
            try {
                runner.tick();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "status of stream " + runner.streamId() + " failed", e);
            }
        }
    }

    /** Stops every stream, then the engine's own threads. */
    @Override
    public void close() {
        for (StreamRunner runner : new ArrayList<>(streams.values())) {
            runner.close();
        }
        status.shutdown();
        control.shutdown();
        try {
            status.awaitTermination(5, TimeUnit.SECONDS);
            control.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
