package org.framegrid.api.stage;

import org.framegrid.api.frame.Frame;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Observes frames. As a whiteboard service, the {@code collect} sink hands it every frame it receives (how tools
 * observe a pipeline's output without writing a stage); as a tap on one stream's node
 * ({@link org.framegrid.api.pipeline.StreamHandle#tap}), that stream's owner sees only its own frames.
 *
 * <p>Called on the stream's frame thread: implementations must be thread-safe and fast, and must not keep the frame
 * after returning unless they {@link Frame#retain()} it (and later release it).
 */
@ConsumerType
public interface FrameListener {

    /**
     * @param streamId the stream; never {@code null}
     * @param node the name of the collecting or tapped node; never {@code null}
     * @param frame the frame, borrowed for the call; never {@code null}
     */
    void frame(String streamId, String node, Frame frame);
}
