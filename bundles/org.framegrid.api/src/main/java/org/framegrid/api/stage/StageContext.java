package org.framegrid.api.stage;

import org.framegrid.api.frame.FramePool;
import org.framegrid.api.frame.PixelFormat;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the engine gives a {@link Stage} instance: who it is, what was negotiated, where frames come from.
 *
 * <p>Thread-safe and immutable for the life of the instance.
 */
@ProviderType
public interface StageContext {

    /** @return the id of the stream the instance runs in; never {@code null} */
    String streamId();

    /** @return the name of the pipeline node the instance implements; never {@code null} */
    String nodeName();

    /** @return the negotiated input format, or {@code null} for a source */
    PixelFormat inputFormat();

    /** @return the negotiated output format, or {@code null} for a sink */
    PixelFormat outputFormat();

    /** @return the pool to acquire output frames from; never {@code null} */
    FramePool pool();
}
