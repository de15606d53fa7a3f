package org.framegrid.stage.generator.internal;

import java.util.EnumSet;
import java.util.Set;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.PlainStage;

/** The stages of this bundle: they hold their context and properties and no other resource. */
abstract class FrameStage extends PlainStage {
    /** The pictures a frame code is drawn into and read from (every format but tensors). */
    static final Set<PixelFormat> PICTURES = EnumSet.complementOf(EnumSet.of(PixelFormat.TENSOR_F32));
}
