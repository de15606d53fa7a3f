package org.framegrid.stage.util.internal;

import java.util.Arrays;
import java.util.List;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;
import org.osgi.service.component.annotations.Component;

/**
 * {@code convert}: converts between any two pixel formats through RGB. Put it only where a stage needs another
 * format; a frame already in the target format passes untouched.
 */
@Component(name = "org.framegrid.stage.util.convert", service = StageProvider.class)
@StageType(type = "convert", classification = "Filter/Converter/Video")
public final class ConvertProvider extends UtilityProvider {
    public ConvertProvider() {
        super("Converts frames to the pixel format named by 'format'.", ANY, OutputRule.PROPERTY, ANY, "format",
                List.of(new PropertyDescriptor("format", "RGB24", false,
                        Arrays.stream(PixelFormat.values()).map(Enum::name).toList(), "The output pixel format.")));
    }

    @Override
    public Stage create() {
        return SimpleStage.of(ConvertProvider::convert);
    }

    /** @return {@code in} in the negotiated output format, pixel by pixel (the generic path, not a fast one) */
    private static Frame convert(StageContext context, Frame in) {
        PixelFormat target = context.outputFormat();
        if (in.format() == target) {
            return in;
        }
        Frame out = context.pool().acquire(target, in.width(), in.height(), in);
        for (int y = 0; y < in.height(); y++) {
            for (int x = 0; x < in.width(); x++) {
                PixelColors.write(out, x, y, PixelColors.read(in, x, y));
            }
        }
        return out;
    }
}
