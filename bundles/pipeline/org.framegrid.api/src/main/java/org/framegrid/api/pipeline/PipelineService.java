package org.framegrid.api.pipeline;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs pipelines: keeps the registered definitions and one running instance of a definition per stream.
 *
 * <p>Parameters ({@code params}) are keyed {@code node.property} and override the definition's values for one
 * stream. Live properties change in place at a frame boundary; others restart that node's stage instance while the
 * stream keeps flowing (state {@code RELOADING}).
 *
 * <p>Thread-safe. Methods never return {@code null}.
 */
@ProviderType
public interface PipelineService {

    /**
     * Registers a definition, replacing one of the same name. Streams already running keep the definition they
     * started with.
     *
     * @param definition the parsed definition
     * @throws PipelineDefinitionException with every problem found by {@link StageCatalog#check}
     */
    void register(PipelineDefinition definition) throws PipelineDefinitionException;

    /**
     * @param name a pipeline name
     * @return whether a definition of that name was removed (running streams are not affected)
     */
    boolean remove(String name);

    /** @return the definition registered under {@code name}, if any */
    Optional<PipelineDefinition> definition(String name);

    /** @return every registered definition */
    Collection<PipelineDefinition> definitions();

    /**
     * Starts a stream of a registered pipeline.
     *
     * @param pipeline the pipeline name
     * @param streamId the new stream's id, unique among running streams
     * @param params per-stream property values keyed {@code node.property}
     * @return the running stream (state {@code LOADING} until the first frame leaves it)
     * @throws PipelineDefinitionException if the pipeline is unknown, a parameter is invalid, a stage type was never
     *     available, or a stage instance failed to configure or start (nothing is left running then)
     * @throws IllegalStateException if a stream with that id runs already
     */
    StreamHandle start(String pipeline, String streamId, Map<String, Object> params)
            throws PipelineDefinitionException;

    /**
     * Starts a stream of a definition that need not be registered.
     *
     * @param definition the definition
     * @param streamId the new stream's id
     * @param params per-stream property values keyed {@code node.property}
     * @return the running stream
     * @throws PipelineDefinitionException as for {@link #start(String, String, Map)}
     */
    StreamHandle start(PipelineDefinition definition, String streamId, Map<String, Object> params)
            throws PipelineDefinitionException;

    /** @return the running stream of that id, if any */
    Optional<StreamHandle> stream(String streamId);

    /** @return every running stream */
    Collection<StreamHandle> streams();

    /**
     * Changes property values of a running stream. Only the newest pending values of a node are applied. The
     * property that names a node's output format ({@code StageDescriptor.outputProperty()}) cannot change: formats are
     * negotiated once per stream.
     *
     * @param streamId the stream
     * @param params values keyed {@code node.property}
     * @throws PipelineDefinitionException if a key or value is invalid (nothing is applied then)
     * @throws IllegalArgumentException if no such stream runs
     */
    void update(String streamId, Map<String, Object> params) throws PipelineDefinitionException;

    /**
     * Stops a stream; see {@link StreamHandle#close()}.
     *
     * @param streamId the stream
     * @return whether it was running
     */
    boolean stop(String streamId);

    /**
     * @param streamId the stream
     * @return a fresh snapshot, if the stream runs
     */
    Optional<StreamStatus> status(String streamId);

    /**
     * @return the frame pool's state now (off-heap pixel memory shared by every stream)
     * @since 1.4
     */
    FramePoolStatus framePool();
}
