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
 * {@code overlay}: draws the frame's metadata: detection boxes with their label and score, lines and text labels.
 * Draws in place when it holds the only reference, on a copy when the frame is shared (a tee upstream).
 */
@Component(name = "org.framegrid.stage.util.overlay", service = StageProvider.class)
@StageType(type = "overlay", classification = "Filter/Video/Overlay")
public final class OverlayProvider extends UtilityProvider {
    public OverlayProvider() {
        super("Draws detection boxes, lines and text from the frame metadata.", ANY,
                OutputRule.SAME_AS_INPUT, Set.of(), null, List.of(
                new PropertyDescriptor("color", PropertyType.STRING, "#00FF00", true, "Box colour, #RRGGBB."),
                new PropertyDescriptor("thickness", PropertyType.INTEGER, 2L, true, 1, 32, "Box line thickness."),
                new PropertyDescriptor("text-scale", PropertyType.INTEGER, 2L, true, 1, 16, "Text pixel size."),
                new PropertyDescriptor("labels", PropertyType.BOOLEAN, true, true, "Draw detection labels.")));
    }

    @Override
    public Stage create() {
        return new OverlayPainter();
    }
}
