package org.framegrid.stage.vision;

import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.inference.api.Model;
import org.framegrid.stage.model.ModelStageProvider;
import org.framegrid.stage.model.StageModels;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Base of the provider of a {@link RegionTracker} stage (pose, face mesh, hands): besides the landmark models
 * ({@link #models()}) it keeps the detectors, a third dynamic reference; both follow the one backend bound. The
 * subclass chooses its detectors with this reference's target in a component property, as it chooses its models:
 * {@code property = DETECTORS_TARGET + "(" + Model.TASK_PROPERTY + "=pose-detection)"} (bnd reads the inherited
 * annotation; see {@link ModelStageProvider}). The property descriptors every tracker reads are made here too, so that
 * the stages describe them alike.
 */
public abstract class RegionTrackerProvider extends ModelStageProvider {

    /** The component property that targets the detectors' reference, followed by an LDAP filter. */
    public static final String DETECTORS_TARGET = "detectors.target=";

    private final StageModels detectors;

    /**
     * @param landmarkTask the landmark models' task (names them in errors)
     * @param detectorTask the detectors' task
     */
    protected RegionTrackerProvider(StageDescriptor descriptor, String landmarkTask, String detectorTask) {
        super(descriptor, landmarkTask);
        detectors = models().sibling(detectorTask);
    }

    /**
     * A provider described by its class's {@code @StageType} (as {@link ModelStageProvider#ModelStageProvider(String,
     * String, PropertyDescriptor...)}).
     *
     * @param landmarkTask the landmark models' task (names them in errors)
     * @param detectorTask the detectors' task
     */
    protected RegionTrackerProvider(String landmarkTask, String detectorTask, String description,
            PropertyDescriptor... properties) {
        super(landmarkTask, description, properties);
        detectors = models().sibling(detectorTask);
    }

    @Reference(name = "detectors", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addDetector(Model model) {
        detectors.addModel(model);
    }

    public void removeDetector(Model model) {
        detectors.removeModel(model);
    }

    /** @return the detectors its stages load from */
    protected final StageModels detectors() {
        return detectors;
    }

    /** @return the {@code min-detection-score} property; {@code object} is what the detector finds ("a person") */
    protected static PropertyDescriptor minDetectionScore(String object) {
        return threshold("min-detection-score", 0.5, "Smallest detector score (0..1) that starts tracking " + object + ".");
    }

    /**
     * @param score the landmark model's score ("presence")
     * @param object what it keeps ("the person")
     * @return the {@code min-presence} property
     */
    protected static PropertyDescriptor minPresence(String score, String object) {
        return threshold("min-presence", 0.5, "Smallest landmark-model " + score + " score (0..1) that keeps " + object + "; below it the detector "
                        + "runs again on the next frame.");
    }

    /** @return the {@code smooth} property */
    protected static PropertyDescriptor smooth() {
        return new PropertyDescriptor("smooth", PropertyType.BOOLEAN, true, true,
                "Smooth the landmarks from frame to frame with a One Euro filter (MediaPipe's video mode): still "
                        + "landmarks stop jittering, moving ones are followed; false attaches each frame's own.");
    }

    /** @return the {@code track} property */
    protected static PropertyDescriptor track() {
        return new PropertyDescriptor("track", PropertyType.BOOLEAN, true, true,
                "Take the next frame's region from this frame's landmarks (MediaPipe's video mode); false runs "
                        + "the detector on every frame.");
    }
}
