package org.framegrid.stage.vision;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.framegrid.api.frame.Detection;
import org.framegrid.api.frame.Detections;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.Line;
import org.framegrid.api.frame.Lines;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.Tensor;
import org.framegrid.stage.model.ModelStage;
import org.framegrid.stage.model.Signature;
import org.framegrid.stage.model.StageModels;

/**
 * The tracking half of a MediaPipe landmark stage (pose, face mesh, hands), as MediaPipe runs it on video: when nothing
 * is tracked the {@link RegionDetector} runs and its best detection gives the region; the landmark model reads the
 * region ({@link RegionCrop}); its presence score keeps or drops the object; the landmarks are attached as lines and a
 * box; and they give the next frame's region, so the detector does not run while the object stays. Written once here
 * so that every landmark stage tracks the same way; a subclass says only what its models' outputs are and how its
 * landmarks turn into regions, lines and a box. The landmarks attached are smoothed from frame to frame
 * ({@link LandmarkSmoother}, as MediaPipe's video mode); the next region comes from the unsmoothed ones, as
 * MediaPipe's. Lines and box are added to those earlier stages attached. Reads properties
 * {@code min-detection-score}, {@code min-presence}, {@code track} and {@code smooth}.
 *
 * <p>Not thread-safe: one per stage instance, as every {@link ModelStage}.
 */
public abstract class RegionTracker extends ModelStage {

    private final StageModels detectors;
    private final String defaultAnchors;
    private final int detectorKeypoints;
    private final String detectorKind;
    private volatile float minScore;
    private volatile float minPresence;
    private volatile boolean track;
    private volatile boolean smooth;
    private final LandmarkSmoother smoother = new LandmarkSmoother();
    private final int stride;

    /**
     * The landmarks just read, frame pixels, {@code stride} floats each with x and y first, which the subclass writes:
     * the array {@link #lines} and {@link #box} read, which the smoothing filters in place after {@link #nextRegion()}.
     */
    protected final float[] points;

    private RegionDetector detector;
    private StageModels.Loaded landmarker;
    private RegionCrop crop;
    private int landmarkSize;
    private Tensor landmarkInput;
    private Map<String, Tensor> landmarkInputs;
    private Map<String, Tensor> landmarkOutputs;

    /** The landmark model's last presence score: {@link #lastPresence()}. */
    private float lastPresence;

    /** The region the landmark model reads next; {@code null} when the detector must find the object. */
    private Region tracked;

    /**
     * @param defaultAnchors the detector's anchors when its descriptor names none ({@link RegionDetector})
     * @param detectorKind what the detector must be, for errors ("a BlazePose detector")
     * @param stride floats per landmark in {@link #points}
     * @param floats the size of {@link #points}
     */
    protected RegionTracker(StageModels landmarkModels, StageModels detectors, String defaultAnchors,
            int detectorKeypoints, String detectorKind, int stride, int floats) {
        super(landmarkModels);
        this.stride = stride;
        this.points = new float[floats];
        this.detectors = detectors;
        this.defaultAnchors = defaultAnchors;
        this.detectorKeypoints = detectorKeypoints;
        this.detectorKind = detectorKind;
    }

    @Override
    public void update(StageProperties properties) {
        minScore = (float) properties.getDouble("min-detection-score");
        minPresence = (float) properties.getDouble("min-presence");
        track = properties.getBoolean("track");
        smooth = properties.getBoolean("smooth");
    }

    @Override
    protected final void load() throws Exception {
        load(detectors, "detector", candidate -> detector = new RegionDetector(type(), candidate, defaultAnchors,
                detectorKeypoints, detectorKind));
        landmarker = load(MODEL, this::fit);
    }

    @Override
    protected final void fit(StageModels.Loaded candidate) {
        landmarkSize = Signature.squareInput(type(), candidate);
        ModelDescriptor descriptor = candidate.model().descriptor();
        Map<String, Tensor> out = new HashMap<>();
        allocateOutputs(candidate, out);
        landmarkOutputs = Map.copyOf(out);
        landmarkInput = Tensor.allocate(ElementType.FLOAT32, descriptor.input().shape(landmarkSize, landmarkSize));
        landmarkInputs = Map.of(descriptor.input().name(), landmarkInput);
        crop = new RegionCrop(descriptor.input(), landmarkSize);
    }

    @Override
    protected final Frame transform(Frame frame) throws Exception {
        Region region = tracked != null && track ? tracked : detect(frame);
        boolean found = region != null && landmarks(frame, region);
        tracked = found ? nextRegion() : null;
        if (found && smooth) {
            smoother.smooth(points, stride, points.length / stride, frame.pts());
        } else {
            smoother.reset();
        }
        Frame out = writable(frame);
        // Added to what earlier stages attached (face mesh, then pose, then hands on one frame), in place of what
        // this stage's kind attached before (the items labelled as its object): a frame analysed again is not doubled.
        Lines before = out.meta(FrameMeta.LINES);
        List<Line> lines = new ArrayList<>(others(before == null ? List.of() : before.items(), Line::label));
        List<Detection> boxes = new ArrayList<>(others(out.meta(FrameMeta.DETECTIONS) == null ? List.of()
                : out.meta(FrameMeta.DETECTIONS).items(), Detection::label));
        if (found) {
            lines.addAll(lines(frame.width(), frame.height()));
            Detection box = box(frame.width(), frame.height());
            if (box != null) {
                boxes.add(box);
            }
        }
        if (found || before != null) {
            out.meta(FrameMeta.LINES, new Lines(lines));
        }
        out.meta(FrameMeta.DETECTIONS, new Detections(boxes));
        return out;
    }

    /** @return the {@code items} not labelled {@link #label()} */
    private <T> List<T> others(List<T> items, Function<T, String> label) {
        if (items.isEmpty()) {
            return items;
        }
        String own = label();
        return items.stream().filter(item -> !own.equals(label.apply(item))).toList();
    }

    /** @return the region of the detector's best detection, or {@code null} when it finds none */
    private Region detect(Frame frame) throws Exception {
        if (!detector.detect(frame, minScore, this::runInto)) {
            return null;
        }
        return fromDetection(detector);
    }

    /** Runs the landmark model on {@code region}; @return whether the object is there (the subclass then holds it) */
    private boolean landmarks(Frame frame, Region region) throws Exception {
        crop.write(frame, region, landmarkInput.floats());
        runInto(landmarker, landmarkInputs, landmarkOutputs);
        lastPresence = presence();
        if (lastPresence < minPresence) {
            return false;
        }
        read(region, landmarkSize);
        return true;
    }

    /** Allocates the landmark model's outputs into {@code outputs} (checking their shapes); called once per model. */
    protected abstract void allocateOutputs(StageModels.Loaded candidate, Map<String, Tensor> outputs);

    /** @return the region the detector's best detection gives (it has just found one) */
    protected abstract Region fromDetection(RegionDetector found);

    /** @return the landmark model's presence score (0..1) for the region it has just read */
    protected abstract float presence();

    /** Reads the landmarks the model has just output (model pixels, side {@code size}) into frame pixels. */
    protected abstract void read(Region region, int size);

    /** @return the next frame's region, from the landmarks just read */
    protected abstract Region nextRegion();

    /** @return the landmarks just read as lines labelled {@link #label()}, normalised to a frame of this size */
    protected abstract List<Line> lines(int width, int height);

    /** @return the box around the landmarks just read, normalised, or {@code null} when it is empty */
    protected abstract Detection box(int width, int height);

    /** @return the label of this stage's lines and detection ("person", "face", "hand") */
    protected abstract String label();

    /** The object is forgotten when frames pass through: the next frame starts with the detector. */
    @Override
    protected final void bypassing() {
        tracked = null;
        smoother.reset();
    }

    /** @return the region the landmark model reads next, {@code null} when the detector must find the object */
    public final Region tracked() {
        return tracked;
    }

    /** @return a copy of the last frame's landmarks ({@link #points}) */
    public final float[] points() {
        return points.clone();
    }

    /** @return the landmark model's presence score (0..1) of the region it read last: the box's score */
    protected final float lastPresence() {
        return lastPresence;
    }

    /** @return how often the detector ran (tests: tracking skips it) */
    public final long detectorRuns() {
        return detector.runs();
    }

    /**
     * Projects the first {@code count} landmarks of a model output ({@code values} floats each: x, y in model pixels
     * of side {@code size} first) from {@code region} into {@code points} (x, y frame pixels, 2 floats each).
     */
    protected static void project(FloatBuffer landmarks, int values, int count, Region region, int size,
            float[] points) {
        for (int i = 0; i < count; i++) {
            float u = landmarks.get(values * i) / size;
            float v = landmarks.get(values * i + 1) / size;
            points[2 * i] = (float) region.frameX(u, v);
            points[2 * i + 1] = (float) region.frameY(u, v);
        }
    }

    /** @return the logistic function of {@code logit}, clamped so that it never overflows */
    protected static float sigmoid(float logit) {
        return (float) (1 / (1 + Math.exp(-Math.clamp(logit, -100f, 100f))));
    }
}
