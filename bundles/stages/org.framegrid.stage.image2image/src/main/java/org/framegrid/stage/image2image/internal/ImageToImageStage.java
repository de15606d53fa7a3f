package org.framegrid.stage.image2image.internal;

import java.util.List;
import java.util.Set;

import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.framegrid.inference.api.Model;
import org.framegrid.stage.model.ModelStageProvider;
import org.framegrid.stage.vision.RgbImage;
import org.osgi.service.component.annotations.Component;

/**
 * {@code image-to-image}: any image-in/image-out model (style transfer, super-resolution: {@code [1,3,H,W]} in,
 * {@code [1,3,H',W']} out, declared with meaning {@code image}). The output's value range comes from the model's
 * descriptor properties {@code output.min} and {@code output.max} (default 0 and 1). The output frame has the input
 * frame's size, or the frame size times the model's scale (a x4 upscaler gives a 4x frame) when {@code keep-size} is
 * false.
 */
@Component(name = "org.framegrid.stage.image2image", service = StageProvider.class,
        property = ModelStageProvider.MODELS_TARGET + "(" + Model.TASK_PROPERTY + "=image-to-image)")
@StageType(type = ImageToImageStage.TYPE, classification = ImageToImageStage.CLASSIFICATION)
public final class ImageToImageStage extends ModelStageProvider {

    static final String TYPE = "image-to-image";
    static final String CLASSIFICATION = "Filter/Effect/Video";

    private static final StageDescriptor DESCRIPTOR = new StageDescriptor(TYPE, CLASSIFICATION,
            "Runs an image-to-image model (style, super-resolution) on every frame.", RgbImage.FORMATS,
            OutputRule.SAME_AS_INPUT, Set.of(), null, List.of(
            new PropertyDescriptor("model", PropertyType.STRING, null, true, false, List.of(), null, null,
                    "Name of the model (task image-to-image; output meaning 'image').", "1.0"),
            new PropertyDescriptor("size", PropertyType.INTEGER, 512L, false, 8, 4096,
                    "Longer side of the model input for size-flexible models; fixed-size models use their size."),
            new PropertyDescriptor("keep-size", PropertyType.BOOLEAN, true, false,
                    "Scale the model output back to the frame size; false keeps the model's scale (upscalers)."),
            new PropertyDescriptor("threads", PropertyType.INTEGER, 0L, false, 0, 64,
                    "Inference threads; 0 lets the backend choose.")));

    public ImageToImageStage() {
        super(TYPE, "image-to-image");
    }

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Stage create() {
        return new Translator(models());
    }
}
