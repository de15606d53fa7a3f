package org.framegrid.stage.depth.internal;

import java.util.List;

import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.framegrid.inference.api.Model;
import org.framegrid.stage.model.ModelStageProvider;
import org.framegrid.stage.vision.ColorMap;
import org.osgi.service.component.annotations.Component;

/**
 * {@code depth}: monocular depth. Any model with the standard public export signature (Depth-Anything-V2, MiDaS:
 * image {@code [1,3,H,W]} in, relative depth {@code [1,H,W]} or {@code [1,1,H,W]} out, declared with meaning
 * {@code depth}) runs on the frame; its map is normalised to 0..1 per frame (the outputs are relative, not metric),
 * attached as the tensor {@code depth} in {@code FrameMeta.TENSORS}, and the frame is replaced by the map in a colour
 * map. No such model ships with Framegrid: operators drop one in as a model bundle with task {@code depth-estimation}.
 */
@Component(name = "org.framegrid.stage.depth", service = StageProvider.class,
        property = ModelStageProvider.MODELS_TARGET + "(" + Model.TASK_PROPERTY + "=depth-estimation)")
@StageType(type = "depth", classification = "Filter/Converter/Video/Depth")
public final class DepthProvider extends ModelStageProvider {

    public DepthProvider() {
        super("depth-estimation", "Estimates relative depth with a depth model and shows it in a colour map.",
                modelProperty(null, "Name of the depth model (task depth-estimation; output meaning 'depth')."),
                inputSize(518L, 14, 4096, "Longer side of the model input for size-flexible models (rounded to the "
                        + "model's multiple, e.g. 14 for Depth-Anything); fixed-size models use their size."),
                new PropertyDescriptor("colormap", ColorMap.TURBO.name(), true,
                        List.of(ColorMap.TURBO.name(), ColorMap.INFERNO.name(), ColorMap.GRAY.name()),
                        "Colour map from far (0) to near (1)."),
                new PropertyDescriptor("near", "HIGH", true, List.of("HIGH", "LOW"),
                        "Whether the model's high values are near (relative inverse depth: MiDaS, Depth-Anything) or "
                                + "far (metric-style depth)."),
                threadsProperty(0L, ""));
    }

    @Override
    public Stage create() {
        return new DepthEstimator(models());
    }
}
