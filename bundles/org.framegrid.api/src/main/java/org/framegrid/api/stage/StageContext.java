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

    /**
     * Ends the stream after the frames already emitted: a source calls it when it has nothing more to give (the end
     * of a file). Every queue downstream is drained, then every stage instance is stopped (a sink finishes its
     * output in {@link Stage#stop()}) and the stream's state becomes {@code STOPPED}. Only sources should call it;
     * calling it again has no further effect.
     *
     * @since 1.1
     */
    void endOfStream();

    /**
     * Tells how many frames this source expects to emit in all, such as a file's frame count, so that a file job can
     * show a percentage and the time left. Sources that cannot know (live input) do not call it; an estimate from
     * the container is fine, the stream still ends when the source says so.
     *
     * @param frames the expected number of frames, or -1 for unknown
     * @since 1.2
     */
    default void expectFrames(long frames) {
    }
}
