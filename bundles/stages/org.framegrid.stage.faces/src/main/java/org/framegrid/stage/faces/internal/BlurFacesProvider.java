package org.framegrid.stage.faces.internal;

import java.util.List;
import java.util.Set;

import org.framegrid.api.frame.Detection;
import org.framegrid.api.frame.Detections;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.osgi.service.component.annotations.Component;

/**
 * {@code blur-faces}: a privacy filter that pixelates or box-blurs, in place, the regions of the frame's
 * {@code FrameMeta.DETECTIONS} (all of them, or only those with a given label). A shared frame (reference count above
 * 1) is copied first, since other branches still read it. Every property is live.
 */
@Component(name = "org.framegrid.stage.faces.blur")
@StageType(type = BlurFacesProvider.TYPE, classification = "Filter/Effect/Video")
public final class BlurFacesProvider implements StageProvider {

    static final String TYPE = "blur-faces";
    /** The packed formats {@link Obscure} works on. */
    static final Set<PixelFormat> FORMATS = Set.of(PixelFormat.RGB24, PixelFormat.BGR24, PixelFormat.RGBA);

    /** How a region is obscured. */
    enum Method {
        pixelate, blur
    }

    private static final StageDescriptor DESCRIPTOR = new StageDescriptor(TYPE, "Filter/Effect/Video",
            "Pixelates or blurs the detected faces (or other detections) of each frame.", FORMATS,
            OutputRule.SAME_AS_INPUT, Set.of(), null, List.of(
            new PropertyDescriptor("method", Method.pixelate.name(), true,
                    List.of(Method.pixelate.name(), Method.blur.name()), "How regions are obscured."),
            new PropertyDescriptor("strength", PropertyType.INTEGER, 16L, true, 1, 512,
                    "Pixelate: block size in pixels. Blur: box radius in pixels."),
            new PropertyDescriptor("margin", PropertyType.DOUBLE, 0.1, true, 0, 2,
                    "Grows each box by this fraction of its size on every side: detector boxes hug the face, and "
                            + "hair, ears and chin identify people too."),
            new PropertyDescriptor("label", PropertyType.STRING, FaceDetector.LABEL, true,
                    "Only detections with this label are obscured; empty for all.")));

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Stage create() {
        return new Filter();
    }

    /** One instance: the properties, and the blur's scratch line. */
    static final class Filter implements Stage {
        private final Obscure obscure = new Obscure();
        private StageContext context;
        private volatile Method method;
        private volatile int strength;
        private volatile double margin;
        private volatile String label;

        @Override
        public void configure(StageContext context, StageProperties properties) {
            this.context = context;
            update(properties);
        }

        @Override
        public void update(StageProperties properties) {
            method = properties.getEnum("method", Method.class);
            strength = properties.getInt("strength");
            margin = properties.getDouble("margin");
            label = properties.getString("label");
        }

        @Override
        public void start() {
        }

        @Override
        public Frame process(Frame frame) {
            Detections detections = frame.meta(FrameMeta.DETECTIONS);
            if (detections == null || detections.items().isEmpty()) {
                return frame;
            }
            Frame out = null;
            for (Detection d : detections.items()) {
                if (!label.isEmpty() && !label.equals(d.label())) {
                    continue;
                }
                int[] r = region(d, frame.width(), frame.height(), margin);
                if (r == null) {
                    continue;
                }
                if (out == null) {
                    out = frame.refCount() > 1 ? context.pool().copyOf(frame) : frame;
                }
                if (method == Method.pixelate) {
                    obscure.pixelate(out, r[0], r[1], r[2], r[3], strength);
                } else {
                    obscure.blur(out, r[0], r[1], r[2], r[3], strength);
                }
            }
            return out == null ? frame : out;
        }

        @Override
        public void stop() {
        }
    }

    /**
     * @return the pixel rectangle {@code x0, y0, x1, y1} (end exclusive) covering {@code d} grown by {@code margin},
     *     clipped to the frame; {@code null} when empty
     */
    static int[] region(Detection d, int width, int height, double margin) {
        double gx = d.width() * margin;
        double gy = d.height() * margin;
        int x0 = (int) Math.max(0, Math.floor((d.x() - gx) * width));
        int y0 = (int) Math.max(0, Math.floor((d.y() - gy) * height));
        int x1 = (int) Math.min(width, Math.ceil((d.x() + d.width() + gx) * width));
        int y1 = (int) Math.min(height, Math.ceil((d.y() + d.height() + gy) * height));
        return x1 > x0 && y1 > y0 ? new int[] {x0, y0, x1, y1} : null;
    }
}
