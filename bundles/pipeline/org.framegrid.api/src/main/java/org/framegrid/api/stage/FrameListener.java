package org.framegrid.api.stage;

import org.framegrid.api.frame.Frame;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service that the {@code collect} sink hands every frame it receives to: how tests and tools observe the
 * output of a stream without writing a stage.
 *
 * <p>Called on the stream's frame thread: implementations must be thread-safe and fast, and must not keep the frame
 * after returning unless they {@link Frame#retain()} it (and later release it).
 */
@ConsumerType
public interface FrameListener {

    /**
     * @param streamId the stream; never {@code null}
     * @param node the name of the collecting node; never {@code null}
     * @param frame the frame, borrowed for the call; never {@code null}
     */
    void frame(String streamId, String node, Frame frame);
}
