package org.framegrid.stage.util.internal;

import java.util.EnumSet;
import java.util.Set;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.api.stage.StageProvider;

/**
 * Base of the utility stage providers: the descriptor each returns. A subclass is the DS component; it names its
 * service ({@code service = StageProvider.class}) because bnd infers only the interfaces a class implements itself.
 */
abstract class UtilityProvider implements StageProvider {
    /** Every pixel format: what the format-agnostic stages take. */
    static final Set<PixelFormat> ANY = EnumSet.allOf(PixelFormat.class);

    private final StageDescriptor descriptor;

    UtilityProvider(StageDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    @Override
    public final StageDescriptor descriptor() {
        return descriptor;
    }
}
