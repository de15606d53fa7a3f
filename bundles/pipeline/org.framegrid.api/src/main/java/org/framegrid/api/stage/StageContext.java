package org.framegrid.api.stage;

import java.util.Map;
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

    /**
     * Counts frames this stage dropped itself under the real-time policy (a source that skipped stale input to jump
     * to the live edge, for example): they add to the node's drop counter in its status, beside its queue's drops.
     *
     * @param frames how many (or segments' worth, as the stage counts them), at least 1
     * @since 1.5
     */
    default void dropped(long frames) {
    }

    /**
     * Asks for a fresh instance of this node because something this instance loaded at start changed under it, such
     * as a newer version of its model. The engine creates, configures and starts the fresh instance off the frame
     * thread and swaps it in at a frame boundary, exactly as for a change of a non-live property; this instance keeps
     * processing until then and is stopped after. If the fresh instance fails to start, this one stays and the
     * failure shows as the node's last error. Thread-safe; a call from an instance that is no longer the node's
     * current one has no effect.
     *
     * @param reason why, one line for logs ({@code "model blazeface-front 1.3.0 replaces 1.2.0"})
     * @since 1.3
     */
    default void reload(String reason) {
    }

    /**
     * Tells that this instance cannot do its work any more, such as when its model was removed. From the next frame
     * boundary the engine handles the node as if it had no provider (bypassed or held, as the node's missing-provider
     * policy says) and the stream reports {@code DEGRADED} with {@code reason}, until the instance is replaced (see
     * {@link #reload(String)}). Thread-safe; a call from an instance that is no longer current has no effect.
     *
     * @param reason what is missing, one line ({@code "detect-faces: model blazeface-front was removed"})
     * @since 1.3
     */
    default void unavailable(String reason) {
    }

    /**
     * Names what this instance runs with beyond its provider's bundle, such as its model and version; status shows it
     * after the provider ({@code StageStatus.provider()}), so an operator sees which version a swap brought in.
     *
     * @param resources one short line ({@code "model blazeface-front 1.2.0"}), or {@code null} for nothing
     * @since 1.3
     */
    default void using(String resources) {
    }

    /**
     * Takes the oldest app event sent to this node ({@code StreamHandle.send}) that no instance of the node has taken
     * yet: how an interactive stage (a generator driven by a player's input) sees its events, at the frame boundary
     * of its choosing. A source takes them after pacing and right before it makes its frame, so an event reflects in
     * the next frame made. Events wait in a bounded queue per node (the oldest is dropped when it is full) and
     * survive an instance swap. Thread-safe.
     *
     * @return the event, a JSON object as an unmodifiable map; {@code null} when none is pending
     * @since 1.5
     */
    default Map<String, Object> nextEvent() {
        return null;
    }
}
