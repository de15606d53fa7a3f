package org.framegrid.stage.util.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.FactoryStageProvider;
import org.framegrid.api.stage.OutputRule;
import org.framegrid.api.stage.PropertyDescriptor;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;
import org.framegrid.api.stage.StageType;

/**
 * Base of the utility stage providers: the descriptor each returns, with the type and classification of its
 * {@link StageType} annotation. A subclass is the DS component; it names its service
 * ({@code service = StageProvider.class}) because bnd infers only the interfaces a class implements itself.
 */
abstract class UtilityProvider implements StageProvider {
    /** Every pixel format: what the format-agnostic stages take. */
    static final Set<PixelFormat> ANY = EnumSet.allOf(PixelFormat.class);

    private final StageDescriptor descriptor;

    /**
     * A provider described by its class's {@link StageType} annotation (type and classification) and the rest of
     * {@link StageDescriptor}'s parts.
     *
     * @throws IllegalStateException when the class has no {@link StageType} annotation
     */
    UtilityProvider(String description, Set<PixelFormat> inputFormats, OutputRule outputRule,
            Set<PixelFormat> outputFormats, String outputFormatProperty, List<PropertyDescriptor> properties) {
        this.descriptor = FactoryStageProvider.describe(getClass(), description, inputFormats, outputRule,
                outputFormats, outputFormatProperty, properties);
    }

    @Override
    public final StageDescriptor descriptor() {
        return descriptor;
    }
}
