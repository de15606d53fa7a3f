package org.framegrid.api.stage;

import org.framegrid.api.frame.Frame;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One running instance of a stage type in one stream, created by {@link StageProvider#create()}. It owns its resources
 * (models, native handles, scratch frames): acquired in {@link #start()}, released in {@link #stop()}.
 *
 * <p><b>Lifecycle.</b> {@link #configure} → {@link #start()} → any number of {@link #process} and {@link #update} →
 * {@link #stop()}. An instance is never restarted: a change of a non-live property or a provider swap creates a new
 * instance, which the engine configures and starts <em>before</em> stopping the old one.
 *
 * <p><b>Threading.</b> The engine never calls one instance concurrently, and publishes each call's effects to the next
 * even when they come from different threads ({@code configure}/{@code start} may run on a control thread,
 * {@code process}/{@code update} on the stream's frame thread, {@code stop} on either). A stage never starts threads of
 * its own to produce or process frames. {@code process} and {@code update} should not block for long: a slow stage only
 * delays its own input queue.
 */
@ConsumerType
public interface Stage {

    /**
     * Receives the instance's context and its complete properties (defaults filled in, values coerced to the declared
     * types) before {@link #start()}.
     *
     * @param context the stream-side services; never {@code null}
     * @param properties every declared property; never {@code null}
     * @throws Exception if the properties cannot be used: the engine reports it and does not start the instance
     */
    void configure(StageContext context, StageProperties properties) throws Exception;

    /**
     * Acquires resources. After it returns the instance must be ready for {@link #process}.
     *
     * @throws Exception if the stage cannot run: the engine reports it and discards the instance
     */
    void start() throws Exception;

    /**
     * Processes one frame at a frame boundary of the stream.
     *
     * <p>The input is borrowed for the call: the engine releases it afterwards, so a stage that keeps it must
     * {@link Frame#retain()} it. The result may be {@code input} itself (processed in place, or untouched), a new
     * frame acquired from {@link StageContext#pool()} (the engine then owns that reference), or {@code null} to emit
     * nothing for this input. Sinks return {@code null}.
     *
     * <p>Sources are called with {@code input == null}, as often as the engine can; a source paces itself by blocking
     * until its next frame is due (at most one frame interval) and may return {@code null} when no frame is ready.
     * A blocked source must return promptly when its thread is interrupted.
     *
     * @param input the frame, or {@code null} for a source
     * @return the output frame, or {@code null}
     * @throws Exception on a failure for this frame: the engine counts it, drops the frame and goes on
     */
    Frame process(Frame input) throws Exception;

    /**
     * Applies new values of live properties ({@link PropertyDescriptor#live()}) at a frame boundary. Only the newest
     * pending values are delivered: several updates sent between two frames arrive as one call.
     *
     * @param properties all properties with their new values; never {@code null}
     * @throws Exception if the values cannot be applied: the engine reports it and keeps the instance running
     */
    void update(StageProperties properties) throws Exception;

    /** Releases every resource. Called once; the instance is discarded afterwards. Must not throw. */
    void stop();
}
