package org.framegrid.stage.image2image.internal;


import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.PropertyType;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.framegrid.inference.api.Model;
import org.framegrid.stage.model.ModelStageProvider;
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
@StageType(type = "image-to-image", classification = "Filter/Effect/Video")
public final class ImageToImageProvider extends ModelStageProvider {

    public ImageToImageProvider() {
        super("image-to-image", "Runs an image-to-image model (style, super-resolution) on every frame.",
                modelProperty(null, "Name of the model (task image-to-image; output meaning 'image')."),
                inputSize(512L, 8, 4096,
                        "Longer side of the model input for size-flexible models; fixed-size models use their size."),
                new PropertyDescriptor("keep-size", PropertyType.BOOLEAN, true, false,
                        "Scale the model output back to the frame size; false keeps the model's scale (upscalers)."),
                threadsProperty(0L, ""));
    }

    @Override
    public Stage create() {
        return new Translator(models());
    }
}
