package org.framegrid.stage.segment.internal;

import java.util.List;

import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.framegrid.inference.api.Model;
import org.framegrid.stage.model.ModelStageProvider;
import org.osgi.service.component.annotations.Component;

/**
 * {@code segment}: background removal. A matting model gives each pixel a foreground alpha: by default MediaPipe's
 * real-time selfie segmentation ({@code [1,256,256,3]} in, {@code [1,256,256,1]} out, a few ms on one core), or ISNet
 * for quality and file jobs ({@code [1,3,H,W]} in, alpha {@code [1,1,H,W]} out, 0.2-0.4 s at 320). The stage attaches
 * the soft matte ({@code FrameMeta.MATTE}) and a two-class {@code FrameMeta.MASK} (both at model resolution, readers
 * scale them) and composites the frame onto a colour, a blurred copy of itself or an image.
 *
 * <p>References are dynamic: models and backends come and go without restarting the provider. An instance loads its
 * own copy of the newest model of its {@code model} name when it starts.
 */
@Component(name = "org.framegrid.stage.segment", service = StageProvider.class,
        property = ModelStageProvider.MODELS_TARGET + "(" + Model.TASK_PROPERTY + "=segmentation)")
@StageType(type = SegmentProvider.TYPE, classification = "Filter/Effect/Video")
public final class SegmentProvider extends ModelStageProvider {

    static final String TYPE = "segment";

    /** What the composite puts behind the foreground. */
    enum Background {
        /** Nothing: the frame is left as it is, only the mask is attached. */
        NONE,
        COLOR,
        BLUR,
        IMAGE
    }

    public SegmentProvider() {
        super("segmentation",
                "Separates the foreground (people, salient objects) from the background with a matting model, "
                        + "attaches the mask and replaces the background with a colour, a blur or an image.",
                modelProperty("selfie-segmentation",
                        "Name of the matting model (task segmentation; an image input, output meaning 'alpha'): "
                                + "selfie-segmentation (real time, people) or isnet-small-dyn (salient objects, slow)."),
                inputSize(320L, 64, 2048,
                        "Longer side of the model input for size-flexible models (rounded to the model's multiple); "
                                + "fixed-size models (selfie-segmentation: 256x256) use their size. ISNet at 320 takes "
                                + "about 0.2-0.4 s on 2 cores."),
                new PropertyDescriptor("background", Background.BLUR.name(), true,
                        List.of("NONE", "COLOR", "BLUR", "IMAGE"), "What replaces the background."),
                new PropertyDescriptor("color", PropertyType.STRING, "#00B140", true,
                        "Background colour for COLOR, #RRGGBB (default: chroma green)."),
                new PropertyDescriptor("blur-radius", PropertyType.INTEGER, 15L, true, 1, 200,
                        "Blur radius in frame pixels for BLUR (three box passes)."),
                new PropertyDescriptor("image", PropertyType.STRING, "", false,
                        "Background image file for IMAGE (PNG or JPEG), stretched to the frame."),
                threshold("threshold", 0.5, "Alpha above which a mask cell counts as foreground."),
                new PropertyDescriptor("every", PropertyType.INTEGER, 1L, true, 1, 1000,
                        "Run the model on every Nth frame and reuse the matte in between (for a slow model)."),
                threadsProperty(0L, ""));
    }

    @Override
    public Stage create() {
        return new Segmenter(models());
    }
}
