package org.framegrid.stage.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.framegrid.api.stage.StageContext;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.inference.api.InferenceException;
import org.framegrid.inference.api.InferenceOptions;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.Model;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorInfo;
import org.osgi.framework.Version;

/**
 * The models of one task and the inference backend that a model stage's provider has bound, and the loading of one
 * of them for a stage instance.
 *
 * <p>The provider keeps its DS references (dynamic, so that models and backends come and go without restarting it)
 * and forwards them here. A stage instance calls {@link #load(StageContext, String, int)} when it <em>starts</em>: it
 * gets the newest model of the name it was configured with, loaded into its own copy by the current backend, or an
 * exception whose message names the stage, the model and what is missing.
 *
 * <p>The copy then follows its name, so that every model stage swaps models as the engine swaps stage bundles: when
 * a newer version of the name is installed, or the loaded one is removed while an older one remains, the instance
 * asks for a reload through {@link StageContext#reload(String)} and the engine starts a fresh instance (which loads
 * the newest) and swaps it in at a frame boundary; when no version of the name is left, the instance reports itself
 * {@linkplain StageContext#unavailable(String) unavailable} and the engine bypasses it until a version comes back,
 * which reloads it. The instance keeps its loaded copy (in the backend's memory, independent of the model bundle)
 * until it is stopped. Thread-safe.
 */
public final class StageModels {

    private final String stageType;
    private final String task;
    private final List<Model> models = new CopyOnWriteArrayList<>();
    private final List<NameFollowingSession> following = new CopyOnWriteArrayList<>();
    private final AtomicReference<InferenceBackend> backend;

    /**
     * @param stageType the stage type, for messages ({@code detect-faces})
     * @param task      what the models do, for messages ({@code face-detection})
     */
    public StageModels(String stageType, String task) {
        this(stageType, task, new AtomicReference<>());
    }

    private StageModels(String stageType, String task, AtomicReference<InferenceBackend> backend) {
        this.stageType = stageType;
        this.task = task;
        this.backend = backend;
    }

    /**
     * @param otherTask what the other models do, for messages ({@code text-recognition})
     * @return the models of another task for the same stage, sharing this one's backend: a stage that runs two kinds
     *     of model binds the backend once
     * @since 2.0
     */
    public StageModels sibling(String otherTask) {
        return new StageModels(stageType, otherTask, backend);
    }

    /**
     * A stage's check of a model it loaded, and its set-up for it (tensors, decoders).
     *
     * @since 1.3
     */
    @FunctionalInterface
    public interface Fit {
        void check(Loaded candidate);
    }

    /** A model loaded for one stage instance, and the model service it came from. */
    public record Loaded(Model model, LoadedModel session) {
    }

    public void addModel(Model model) {
        models.add(model);
        changed(model.descriptor().name());
    }

    public void removeModel(Model model) {
        models.remove(model);
        changed(model.descriptor().name());
    }

    /** Tells every instance running a model of {@code name} what the change means for it. */
    private void changed(String name) {
        for (NameFollowingSession f : following) {
            if (f.name.equals(name)) {
                f.check();
            }
        }
    }

    public void bindBackend(InferenceBackend newBackend) {
        backend.set(newBackend);
    }

    public void unbindBackend(InferenceBackend oldBackend) {
        // A GREEDY reference binds the replacement before it unbinds the old one: clear only if the old one is current.
        backend.compareAndSet(oldBackend, null);
    }

    /** @return the newest model called {@code name}, or {@code null} */
    public Model newest(String name) {
        Model best = null;
        for (Model m : models) {
            if (m.descriptor().name().equals(name) && (best == null || Version.parseVersion(m.descriptor().version())
                    .compareTo(Version.parseVersion(best.descriptor().version())) > 0)) {
                best = m;
            }
        }
        return best;
    }

    /** @return the stage type these models are for, for messages */
    public String stageType() {
        return stageType;
    }

    /** @return the current backend, or {@code null} */
    public InferenceBackend backend() {
        return backend.get();
    }

    /** @return "name version" of every model installed, for messages */
    public List<String> installed() {
        return models.stream().map(m -> m.descriptor().name() + " " + m.descriptor().version()).toList();
    }

    /**
     * Loads the newest model called {@code name} for the stage instance of {@code context}, and follows the name for
     * it: a newer version, or the removal of the loaded one, asks the engine to reload the instance, and the removal
     * of every version marks it unavailable (see the class comment). Closing the returned session ends the following.
     * Also tells the engine which model and version the instance runs ({@link StageContext#using(String)}).
     *
     * @param threads intra-op threads, 0 to let the backend choose
     * @throws IllegalStateException if no such model or no backend is installed
     * @throws IOException           if the model's bytes cannot be read
     * @throws Exception             what the backend throws for a model it cannot load
     * @since 1.1
     */
    public Loaded load(StageContext context, String name, int threads) throws Exception {
        Loaded plain = load(name, threads);
        NameFollowingSession session = new NameFollowingSession(context, name, plain.model(), plain.session());
        context.using("model " + name + " " + plain.model().descriptor().version());
        following.add(session);
        // A change between picking the model and following it would otherwise go unnoticed.
        session.check();
        return new Loaded(plain.model(), session);
    }

    /**
     * Loads as {@link #load(StageContext, String, int)} does, then lets {@code fit} check the model's signature and
     * set the stage up for it; a model that does not fit is closed again before the exception leaves.
     *
     * @param fit throws {@link IllegalArgumentException} saying what of the model does not fit the stage
     * @since 1.3
     */
    public Loaded load(StageContext context, String name, int threads, Fit fit) throws Exception {
        Loaded candidate = load(context, name, threads);
        try {
            fit.check(candidate);
        } catch (RuntimeException e) {
            candidate.session().close();
            throw e;
        }
        return candidate;
    }

    /**
     * Loads the newest model called {@code name} into a copy of its own on the current backend. The copy does not
     * follow model changes; stages use {@link #load(StageContext, String, int)}.
     *
     * @param threads intra-op threads, 0 to let the backend choose
     * @throws IllegalStateException if no such model or no backend is installed
     * @throws IOException           if the model's bytes cannot be read
     * @throws Exception             what the backend throws for a model it cannot load
     */
    public Loaded load(String name, int threads) throws Exception {
        Model model = newest(name);
        if (model == null) {
            throw new IllegalStateException(stageType + ": no " + task + " model named '" + name
                    + "' is installed (installed: " + installed() + "); a node ships its model bundles in models/: "
                    + "copy models/model-" + name + ".jar into the node's deploy/ folder");
        }
        InferenceBackend current = backend.get();
        if (current == null) {
            throw new IllegalStateException(stageType + ": no inference backend is available to run " + name);
        }
        byte[] bytes;
        try (InputStream in = model.open()) {
            bytes = in.readAllBytes();
        }
        ByteBuffer file = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        return new Loaded(model, current.load(file, model.descriptor(),
                InferenceOptions.DEFAULT.withIntraOpThreads(threads)));
    }

    /**
     * A stage instance's loaded copy that follows its model name. Delegates every call; {@link #close()} also stops
     * the following. Reports each removal once, and a reload once per newer model.
     */
    private final class NameFollowingSession implements LoadedModel {
        final String name;
        private final StageContext context;
        private final Model model;
        private final LoadedModel session;
        private Model reloadAskedFor;
        private boolean unavailable;

        NameFollowingSession(StageContext context, String name, Model model, LoadedModel session) {
            this.context = context;
            this.name = name;
            this.model = model;
            this.session = session;
        }

        /** Called on model (un)registration, on the thread that does it. */
        synchronized void check() {
            Model newest = newest(name);
            String loaded = name + " " + model.descriptor().version();
            if (newest == null) {
                if (!unavailable) {
                    unavailable = true;
                    context.unavailable(stageType + ": model " + loaded + " was removed and no version of " + name
                            + " is left");
                }
            } else if (newest != model && newest != reloadAskedFor) {
                reloadAskedFor = newest;
                context.reload("model " + name + " " + newest.descriptor().version() + " replaces " + loaded
                        + (unavailable ? " (removed)" : ""));
            }
        }

        @Override
        public ModelDescriptor descriptor() {
            return session.descriptor();
        }

        @Override
        public List<TensorInfo> inputs() {
            return session.inputs();
        }

        @Override
        public List<TensorInfo> outputs() {
            return session.outputs();
        }

        @Override
        public Map<String, Tensor> run(Map<String, Tensor> inputs, List<String> outputs) throws InferenceException {
            return session.run(inputs, outputs);
        }

        @Override
        public void runInto(Map<String, Tensor> inputs, Map<String, Tensor> outputs) throws InferenceException {
            session.runInto(inputs, outputs);
        }

        @Override
        public void close() {
            following.remove(this);
            session.close();
        }
    }
}
