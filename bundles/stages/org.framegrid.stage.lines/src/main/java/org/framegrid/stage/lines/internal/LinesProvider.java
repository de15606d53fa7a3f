package org.framegrid.stage.lines.internal;


import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.framegrid.inference.api.Model;
import org.framegrid.stage.model.ModelStageProvider;
import org.osgi.service.component.annotations.Component;

/**
 * {@code lines}: M-LSD on every frame, segments attached as {@code FrameMeta.LINES} in frame-normalised coordinates,
 * which {@code overlay} draws.
 *
 * <p>References are dynamic (as in detect-faces) so models and backends come and go without restarting this
 * provider; an instance picks the newest model of its name and the current backend when it starts.
 */
@Component(name = "org.framegrid.stage.lines", service = StageProvider.class,
        property = ModelStageProvider.MODELS_TARGET + "(" + Model.TASK_PROPERTY + "=line-segments)")
@StageType(type = "lines", classification = "Filter/Analyzer/Video")
public final class LinesProvider extends ModelStageProvider {

    public LinesProvider() {
        super("line-segments", "Finds straight line segments with an M-LSD model and attaches them as lines.",
                modelProperty("mlsd-tiny-320",
                        "Name of the line-segment model (an M-LSD export with 'scores' and 'offsets' outputs)."),
                threshold("score-threshold", 0.1, "Smallest segment-centre score (0..1) a segment is reported with."),
                new PropertyDescriptor("min-length", PropertyType.DOUBLE, 10.0, true, 0, 100000,
                        "Shortest segment reported, in frame pixels."),
                perFrameLimit("max-lines", 200L, 100000, "Most segments reported per frame, best score first."),
                threadsProperty(1L, ""));
    }

    @Override
    public Stage create() {
        return new LineDetector(models());
    }
}
