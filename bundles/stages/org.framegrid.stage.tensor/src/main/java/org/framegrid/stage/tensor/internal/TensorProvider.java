package org.framegrid.stage.tensor.internal;


import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.framegrid.stage.model.ModelStageProvider;
import org.osgi.service.component.annotations.Component;

/**
 * {@code tensor}: the generic raw-tensor stage, for models no decoding stage knows. Any model of any task: its image
 * input (the descriptor's) is filled from the frame; every other FLOAT32 input is taken from the frame's
 * {@code FrameMeta.TENSORS} entry of the same name (an upstream stage put it there); the outputs named in
 * {@code outputs} (all when empty) are attached to {@code FrameMeta.TENSORS}, replacing entries of the same name. The
 * frame's pixels are not changed.
 */
@Component(name = "org.framegrid.stage.tensor", service = StageProvider.class)
@StageType(type = TensorProvider.TYPE, classification = "Filter/Analyzer/Video")
public final class TensorProvider extends ModelStageProvider {

    static final String TYPE = "tensor";

    public TensorProvider() {
        super("any", "Runs any model and attaches its raw output tensors to the frame.",
                modelProperty(null, "Name of the model (any task)."),
                new PropertyDescriptor("outputs", PropertyType.STRING, "", false,
                        "Comma-separated output names to attach; empty attaches every output."),
                inputSize(512L, 1, 4096,
                        "Longer side of the image input for size-flexible models; fixed-size models use their size."),
                threadsProperty(0L, ""));
    }

    @Override
    public Stage create() {
        return new RawRunner(models());
    }
}
