package org.framegrid.stage.hands.internal;

import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.framegrid.inference.api.Model;
import org.framegrid.stage.model.ModelStageProvider;
import org.framegrid.stage.vision.RegionTrackerProvider;
import org.osgi.service.component.annotations.Component;

/**
 * {@code hands}: MediaPipe Hands as it runs on video. A palm detector (task {@code palm-detection}) finds the palm,
 * its wrist and the root of its middle finger; they give a rotated square region (2.6 times the palm, shifted towards
 * the fingers, wrist to finger straight up) that the landmark model (task {@code hand-landmarks}) reads; its 21
 * landmarks are attached as the hand's skeleton ({@code FrameMeta.LINES}, for the {@code overlay} stage to draw) and
 * the hand as a detection (label {@code hand}; class 0 a left hand, 1 a right hand, as the landmark model tells). While
 * the hand stays in view the next frame's region comes from this frame's landmarks and the palm detector does not run.
 * One hand: the palm detector's best.
 */
@Component(name = "org.framegrid.stage.hands", service = StageProvider.class,
        property = {ModelStageProvider.MODELS_TARGET + "(" + Model.TASK_PROPERTY + "=hand-landmarks)",
            RegionTrackerProvider.DETECTORS_TARGET + "(" + Model.TASK_PROPERTY + "=palm-detection)"})
@StageType(type = "hands", classification = "Filter/Analyzer/Video")
public final class HandsProvider extends RegionTrackerProvider {

    public HandsProvider() {
        super("hand-landmarks", "palm-detection",
                "Finds a hand's 21 landmarks (MediaPipe Hands: palm detector, then landmarks tracked from frame to "
                        + "frame) and attaches its skeleton as lines and the hand as a detection (label 'hand', class "
                        + "0 left, 1 right).",
                modelProperty("hand-landmark-lite",
                        "Hand landmark model (task hand-landmarks; outputs 'landmarks' (21 x, y, z), 'presence' and "
                                + "'handedness'): hand-landmark-lite or the more precise hand-landmark-full."),
                modelProperty("detector", "palm-detection-lite",
                        "Palm detector (task palm-detection; outputs 'boxes' and 'scores', anchors in its "
                                + "descriptor): palm-detection-lite or palm-detection-full."),
                minDetectionScore("a hand"),
                minPresence("presence", "the hand"),
                track(),
                smooth(),
                new PropertyDescriptor("mirrored", PropertyType.BOOLEAN, false, true,
                        "The video is mirrored (a selfie view, as a webcam preview shows it): handedness is told for "
                                + "the person, not for the picture."),
                threadsProperty(1L, "Each of the two models gets as many; one suits these small models best."));
    }

    @Override
    public Stage create() {
        return new HandTracker(models(), detectors());
    }
}
