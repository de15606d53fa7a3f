package org.framegrid.stage.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.inference.api.InferenceException;
import org.framegrid.inference.api.Tensor;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One instance of a model stage, in the spirit of GStreamer's {@code GstBaseTransform}: the base owns the life cycle
 * every model stage shares, and a subclass writes only what its model does to a frame.
 *
 * <ul>
 * <li><b>configure</b> checks that the negotiated input is a format the {@link ImageInputWriter} reads, keeps the
 * properties (the model names and {@value #THREADS} are read at start), then calls
 * {@link #configure(StageProperties)} (the subclass's start-time properties) and {@link #update(StageProperties)}
 * (its live ones, again at each change).
 * <li><b>start</b> calls {@link #load()}: the newest version of the model the {@value #MODEL} property names,
 * checked by the subclass's {@link #fit}, which also sets the subclass up for it (tensors, decoders); a stage of
 * several models loads each with {@link #load(StageModels, String, StageModels.Fit)}. If start fails, whatever it
 * loaded is closed again.
 * <li><b>process</b> calls {@link #transform(Frame)}. A model the backend closed under the instance (the backend's
 * bundle is stopping) lets the frame pass through untouched, counted by {@link #bypassed()}, instead of failing every
 * frame: the subclass runs its models through {@link #runInto} and {@link #run}, which tell that case apart.
 * <li><b>model swap</b>: the loaded models follow their names ({@link StageModels}), so a newer version reloads the
 * instance at a frame boundary and the removal of every version bypasses the node until one comes back.
 * <li><b>stop</b> closes every model the instance loaded.
 * </ul>
 *
 * <p>Threading as {@link Stage} says: the engine never calls one instance concurrently.
 *
 * @since 2.0
 */
@ConsumerType
public abstract class ModelStage implements Stage {

    /** The property every model stage has: inference threads, 0 to let the backend choose. */
    public static final String THREADS = "threads";
    /** The property that names the model of a stage that runs one. */
    public static final String MODEL = "model";

    private final StageModels models;
    private final List<StageModels.Loaded> loaded = new ArrayList<>();
    /** The model {@link #load()} loaded by default. */
    private StageModels.Loaded model;
    private StageContext context;
    private StageProperties properties;
    private long bypassed;

    /** @param models the models the stage's {@code model} property names, and the backend to load them on */
    protected ModelStage(StageModels models) {
        this.models = models;
    }

    @Override
    public final void configure(StageContext stageContext, StageProperties stageProperties) throws Exception {
        PixelFormat input = stageContext.inputFormat();
        if (input != null && !ImageInputWriter.accepts(input)) {
            throw new IllegalArgumentException(type() + " reads RGB24, BGR24 or RGBA frames, not " + input);
        }
        this.context = stageContext;
        this.properties = stageProperties;
        configure(stageProperties);
        update(stageProperties);
    }

    /**
     * Reads the properties that hold for the life of the instance (a change of one restarts it). Called once, before
     * {@link #update(StageProperties)}; the default reads nothing.
     *
     * @throws Exception if the values cannot be used
     */
    protected void configure(StageProperties stageProperties) throws Exception {
    }

    /** Reads the live properties, at configure and at every change; the default reads nothing. */
    @Override
    public void update(StageProperties stageProperties) throws Exception {
    }

    @Override
    public final void start() throws Exception {
        try {
            load();
        } catch (Exception e) {
            stop();
            throw e;
        }
    }

    /**
     * Loads the stage's model(s) with {@link #load(String, StageModels.Fit)} and sets the instance up for them. By
     * default: the model the {@value #MODEL} property names, checked by {@link #fit}, then {@link #model()}; a stage
     * of several models overrides this.
     *
     * @throws Exception if a model is missing, cannot be loaded or does not fit: the message names what
     */
    protected void load() throws Exception {
        model = load(MODEL, this::fit);
    }

    /**
     * Checks the model the default {@link #load()} loads against what the stage needs (see {@link Signature}) and sets
     * the stage up for it (tensors, writer, decoder). The default accepts any model.
     *
     * @throws IllegalArgumentException saying what of the model does not fit; the model is closed again
     */
    protected void fit(StageModels.Loaded candidate) {
    }

    /** @return the model the default {@link #load()} loaded; {@code null} before start or after stop */
    protected final StageModels.Loaded model() {
        return model;
    }

    /**
     * Loads the newest model named by the property {@code nameProperty} on the current backend, lets {@code fit}
     * check it and set the stage up for it (a model that does not fit is closed again), and keeps it until
     * {@link #stop()}.
     *
     * @throws IllegalStateException    if no such model or no backend is installed
     * @throws IllegalArgumentException from {@code fit}, saying what of the model does not fit
     * @throws Exception                if the model's bytes cannot be read, or the backend cannot load them
     */
    protected final StageModels.Loaded load(String nameProperty, StageModels.Fit fit) throws Exception {
        return load(models, nameProperty, fit);
    }

    /**
     * Loads as {@link #load(String, StageModels.Fit)} does, from other models than the constructor's: for a stage
     * that runs models of two kinds (see {@link StageModels#sibling(String)}).
     */
    protected final StageModels.Loaded load(StageModels from, String nameProperty, StageModels.Fit fit)
            throws Exception {
        StageModels.Loaded model = from.load(context, properties.getString(nameProperty),
                properties.getInt(THREADS), fit);
        loaded.add(model);
        return model;
    }

    @Override
    public final Frame process(Frame frame) throws Exception {
        try {
            return transform(frame);
        } catch (ModelClosed closed) {
            bypassed++;
            bypassing();
            return frame;
        }
    }

    /**
     * Runs the stage's model(s) on {@code frame}, through {@link #runInto} or {@link #run}. The frame is borrowed as
     * in {@link Stage#process(Frame)}: metadata and pixels go on {@link #writable(Frame)}'s result.
     *
     * @return the output frame, usually {@code frame} or its writable copy
     * @throws Exception on a failure for this frame: the engine counts it, drops the frame and goes on
     */
    protected abstract Frame transform(Frame frame) throws Exception;

    /**
     * Called when a frame passes through because the backend closed a model: for a subclass that keeps results
     * across frames to forget them, so none is applied to later frames. The default does nothing.
     */
    protected void bypassing() {
    }

    /** Runs {@code model} into caller-owned outputs (see {@code LoadedModel.runInto}). */
    protected final void runInto(StageModels.Loaded model, Map<String, Tensor> inputs, Map<String, Tensor> outputs)
            throws InferenceException {
        try {
            model.session().runInto(inputs, outputs);
        } catch (IllegalStateException e) {
            throw new ModelClosed(e);
        }
    }

    /** @return the outputs {@code names} of running {@code model} (see {@code LoadedModel.run}) */
    protected final Map<String, Tensor> run(StageModels.Loaded model, Map<String, Tensor> inputs, List<String> names)
            throws InferenceException {
        try {
            return model.session().run(inputs, names);
        } catch (IllegalStateException e) {
            throw new ModelClosed(e);
        }
    }

    /**
     * @return {@code frame} if this stage holds its only reference, otherwise a copy from the pool: a shared frame's
     *     pixels and metadata are read-only ({@code Frame}'s contract), other branches still read them
     */
    protected final Frame writable(Frame frame) {
        return frame.refCount() > 1 ? context.pool().copyOf(frame) : frame;
    }

    /** @return the instance's context (pool, stream); set by configure */
    protected final StageContext context() {
        return context;
    }

    /** @return the stage type, for messages */
    protected final String type() {
        return models.stageType();
    }

    /** @return how many frames passed through untouched because the backend had closed a model */
    public final long bypassed() {
        return bypassed;
    }

    /** Closes every model the instance loaded. Called once by the engine; safe to call again. */
    @Override
    public final void stop() {
        for (int i = loaded.size() - 1; i >= 0; i--) {
            loaded.get(i).session().close();
        }
        loaded.clear();
        model = null;
    }

    /** The backend closed a model under a running instance; never leaves {@link #process(Frame)}. */
    private static final class ModelClosed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ModelClosed(IllegalStateException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
