package org.framegrid.testing;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.inference.api.InferenceOptions;
import org.framegrid.inference.api.LoadedModel;
import org.framegrid.inference.api.ModelOutput;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorInfo;

/**
 * The raw side of a stage benchmark: a fixed-size square-input model loaded on its own, its input (a colour gradient,
 * {@link Fixtures#gradient}) and the outputs a stage reads allocated once, run with {@code runInto} and nothing else.
 *
 * @since 1.1
 */
public final class RawModel implements AutoCloseable {

    private final LoadedModel model;
    private final Map<String, Tensor> in;
    private final Map<String, Tensor> out = new HashMap<>();

    /**
     * @param threads intra-op threads (0: the backend chooses)
     * @param skipped meanings of declared outputs the stage does not read (not requested)
     * @throws Exception if the backend cannot load the model
     */
    public RawModel(InferenceBackend backend, Fixtures.MemoryModel bundle, int threads, List<String> skipped)
            throws Exception {
        model = backend.load(ByteBuffer.allocateDirect(bundle.bytes().length).put(bundle.bytes()).flip(),
                bundle.descriptor(), InferenceOptions.DEFAULT.withIntraOpThreads(threads));
        ImageInput spec = bundle.descriptor().input();
        // A picture-like input (not zeros: a network's cost can depend on its values, e.g. denormal floats).
        in = Map.of(spec.name(), Fixtures.gradient(bundle.descriptor(), spec.size().width()));
        for (ModelOutput declared : bundle.descriptor().outputs()) {
            if (skipped.contains(declared.meaning())) {
                continue;
            }
            TensorInfo info = model.outputs().stream().filter(o -> o.name().equals(declared.name())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(bundle.origin() + " has no output "
                            + declared.name()));
            out.put(info.name(), Tensor.allocate(ElementType.FLOAT32, info.shape()));
        }
    }

    /**
     * @return the input tensor, for the benchmark to fill with what the stage feeds the model: the cost of a network
     *     can depend on its input's values (a real face crop takes 30% longer than a gradient here)
     */
    public Tensor input() {
        return in.values().iterator().next();
    }

    /** One inference into the preallocated outputs. */
    public void run() throws Exception {
        model.runInto(in, out);
    }

    @Override
    public void close() {
        model.close();
    }
}
