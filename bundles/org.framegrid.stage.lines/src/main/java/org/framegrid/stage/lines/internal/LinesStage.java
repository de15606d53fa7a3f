package org.framegrid.stage.lines.internal;

import java.util.List;
import java.util.Set;

import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.framegrid.inference.api.InferenceBackend;
import org.framegrid.inference.api.Model;
import org.framegrid.stage.model.StageModels;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code lines}: M-LSD on every frame, segments attached as {@code FrameMeta.LINES} in frame-normalised coordinates,
 * which {@code overlay} draws.
 *
 * <p>References are dynamic (as in detect-faces) so models and backends come and go without restarting this
 * provider; an instance picks the newest model of its name and the current backend when it starts.
 */
@Component(name = "org.framegrid.stage.lines")
@StageType(type = LinesStage.TYPE, classification = LinesStage.CLASSIFICATION)
public final class LinesStage implements StageProvider {

    static final String TYPE = "lines";
    static final String CLASSIFICATION = "Filter/Analyzer/Video";
    static final Set<PixelFormat> FORMATS = Set.of(PixelFormat.RGB24, PixelFormat.BGR24, PixelFormat.RGBA);

    private static final StageDescriptor DESCRIPTOR = new StageDescriptor(TYPE, CLASSIFICATION,
            "Finds straight line segments with an M-LSD model and attaches them as lines.", FORMATS,
            OutputRule.SAME_AS_INPUT, Set.of(), null, List.of(
            new PropertyDescriptor("model", PropertyType.STRING, "mlsd-tiny-320", false,
                    "Name of the line-segment model (an M-LSD export with 'scores' and 'offsets' outputs)."),
            new PropertyDescriptor("score-threshold", PropertyType.DOUBLE, 0.1, true, 0, 1,
                    "Smallest segment-centre score (0..1) a segment is reported with."),
            new PropertyDescriptor("min-length", PropertyType.DOUBLE, 10.0, true, 0, 100000,
                    "Shortest segment reported, in frame pixels."),
            new PropertyDescriptor("max-lines", PropertyType.INTEGER, 200L, true, 1, 100000,
                    "Most segments reported per frame, best score first."),
            new PropertyDescriptor("threads", PropertyType.INTEGER, 1L, false, 0, 64,
                    "Inference threads; 0 lets the backend choose.")));

    final StageModels models = new StageModels(TYPE, "line-segments");

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + Model.TASK_PROPERTY + "=line-segments)")
    void addModel(Model model) {
        models.addModel(model);
    }

    void removeModel(Model model) {
        models.removeModel(model);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setBackend(InferenceBackend newBackend) {
        models.bindBackend(newBackend);
    }

    void unsetBackend(InferenceBackend oldBackend) {
        models.unbindBackend(oldBackend);
    }

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Stage create() {
        return new LineDetector(this);
    }
}
