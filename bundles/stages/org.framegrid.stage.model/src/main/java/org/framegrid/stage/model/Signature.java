package org.framegrid.stage.model;

import java.util.Arrays;

import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.ModelOutput;
import org.framegrid.inference.api.SizeRule;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorInfo;

/**
 * Checks a loaded model's signature against what a stage needs, with one-line errors that name the stage, the model
 * and its origin: a model of the wrong kind is refused at start, never half-run.
 *
 * @since 2.0
 */
public final class Signature {

    private Signature() {
    }

    /** @return "STAGE: model NAME from ORIGIN", the prefix of every message about this model */
    public static String what(String stage, StageModels.Loaded loaded) {
        return stage + ": model " + loaded.model().descriptor().name() + " from " + loaded.model().origin();
    }

    /**
     * @return the graph's info for the output the descriptor declares with {@code meaning}, checked to be FLOAT32 of
     *     one of {@code ranks}
     * @throws IllegalArgumentException naming the model and what is wrong
     */
    public static TensorInfo output(String stage, StageModels.Loaded loaded, String meaning, int... ranks) {
        return check(stage, loaded, declared(stage, loaded, meaning), "output", ranks);
    }

    /**
     * @param kind what the stage expects the model to be, for the message ({@code a BlazeFace export})
     * @return the graph's info for the output the descriptor declares with {@code meaning}, checked to be a FLOAT32
     *     tensor of fixed shape holding {@code floats} values
     * @throws IllegalArgumentException naming the model and what is wrong
     */
    public static TensorInfo fixedOutput(String stage, StageModels.Loaded loaded, String meaning, long floats,
            String kind) {
        TensorInfo info = declared(stage, loaded, meaning);
        if (!info.isFixed() || info.type() != ElementType.FLOAT32 || Tensor.elementCount(info.shape()) != floats) {
            throw new IllegalArgumentException(what(stage, loaded) + " output " + info + " does not hold " + floats
                    + " floats; not " + kind);
        }
        return info;
    }

    private static TensorInfo declared(String stage, StageModels.Loaded loaded, String meaning) {
        ModelDescriptor descriptor = loaded.model().descriptor();
        ModelOutput declared = descriptor.output(meaning);
        if (declared == null) {
            throw new IllegalArgumentException(what(stage, loaded) + " declares no '" + meaning + "' output; outputs: "
                    + descriptor.outputs());
        }
        return loaded.session().outputs().stream().filter(o -> o.name().equals(declared.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(what(stage, loaded) + " has no output "
                        + declared.name()));
    }

    /**
     * @return the side of the model's image input, checked to be fixed and square (what a letterboxed detector's
     *     decoding assumes)
     * @throws IllegalArgumentException naming the model and the size it declares otherwise
     */
    public static int squareInput(String stage, StageModels.Loaded loaded) {
        SizeRule size = loaded.model().descriptor().input().size();
        if (!size.isFixed() || size.width() != size.height()) {
            throw new IllegalArgumentException(what(stage, loaded) + " needs a fixed square input, it declares "
                    + size);
        }
        return size.width();
    }

    /** @return the graph's info for the descriptor's image input, checked to be FLOAT32 {@code [1,3,H,W]} or NHWC */
    public static TensorInfo imageInput(String stage, StageModels.Loaded loaded) {
        String name = loaded.model().descriptor().input().name();
        TensorInfo info = loaded.session().inputs().stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(what(stage, loaded) + " has no input " + name));
        return check(stage, loaded, info, "input", 4);
    }

    private static TensorInfo check(String stage, StageModels.Loaded loaded, TensorInfo info, String kind,
            int... ranks) {
        int rank = info.shape().length;
        if (info.type() != ElementType.FLOAT32 || Arrays.stream(ranks).noneMatch(r -> r == rank)) {
            throw new IllegalArgumentException(what(stage, loaded) + " " + kind + " " + info
                    + " is not a FLOAT32 tensor of rank " + (ranks.length == 1 ? ranks[0] : Arrays.toString(ranks)));
        }
        return info;
    }
}
