package org.framegrid.stage.vision;

import java.util.Arrays;

import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.ModelOutput;
import org.framegrid.inference.api.TensorInfo;
import org.framegrid.stage.model.StageModels;

/**
 * Checks a loaded model's signature against what a stage needs, with one-line errors that name the stage, the model
 * and its origin: a model of the wrong kind is refused at start, never half-run.
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
        ModelDescriptor descriptor = loaded.model().descriptor();
        ModelOutput declared = descriptor.output(meaning);
        if (declared == null) {
            throw new IllegalArgumentException(what(stage, loaded) + " declares no '" + meaning + "' output; outputs: "
                    + descriptor.outputs());
        }
        TensorInfo info = loaded.session().outputs().stream().filter(o -> o.name().equals(declared.name()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(what(stage, loaded) + " has no output "
                        + declared.name()));
        return check(stage, loaded, info, "output", ranks);
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
