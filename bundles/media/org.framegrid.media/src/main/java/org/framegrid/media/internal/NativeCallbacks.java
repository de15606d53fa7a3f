package org.framegrid.media.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Frees the FFmpeg I/O callback thunks of this bundle when it stops. They are JNI global references into this bundle's
 * class loader; without this, every hot update of the bundle would leave the previous class loader pinned.
 */
@Component(immediate = true, service = {})
public final class NativeCallbacks {
    @Deactivate
    void deactivate() {
        Avio.release();
    }
}
