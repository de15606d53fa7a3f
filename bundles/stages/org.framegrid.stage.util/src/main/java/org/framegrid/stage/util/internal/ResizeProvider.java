package org.framegrid.stage.util.internal;

import java.util.List;
import java.util.Set;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.osgi.service.component.annotations.Component;

/**
 * {@code resize}: nearest-neighbour scaling of every plane, in any format (planes are scaled by their own
 * subsampled size, so NV12/I420 chroma stays aligned). The size is live: the format does not change with it.
 */
@Component(name = "org.framegrid.stage.util.resize", service = StageProvider.class)
@StageType(type = "resize", classification = "Filter/Video/Scaler")
public final class ResizeProvider extends UtilityProvider {
    public ResizeProvider() {
        super("Scales frames to width x height (nearest neighbour).", ANY, OutputRule.SAME_AS_INPUT,
                Set.of(), null, List.of(
                new PropertyDescriptor("width", PropertyType.INTEGER, 640L, true, 1, 7680, "Output width in pixels."),
                new PropertyDescriptor("height", PropertyType.INTEGER, 360L, true, 1, 4320,
                        "Output height in pixels.")));
    }

    @Override
    public Stage create() {
        return new Resizer();
    }
}
