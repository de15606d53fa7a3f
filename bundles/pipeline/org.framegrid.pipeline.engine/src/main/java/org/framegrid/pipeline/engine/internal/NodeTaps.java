package org.framegrid.pipeline.engine.internal;

import java.util.Arrays;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.pipeline.StreamTap;
import org.framegrid.api.stage.FrameListener;

/**
 * The taps on one node of one stream ({@code StreamHandle.tap}): each is handed every frame that reaches the node.
 * Copy-on-write, so that the frame thread reads one volatile array and allocates nothing, tapped or not.
 */
final class NodeTaps {
    private static final Tap[] NONE = new Tap[0];

    private volatile Tap[] taps = NONE;

    /** One tap; removing it by identity leaves other taps of the same listener in place. */
    private final class Tap implements StreamTap {
        final FrameListener listener;

        Tap(FrameListener listener) {
            this.listener = listener;
        }

        @Override
        public void close() {
            remove(this);
        }
    }

    synchronized StreamTap add(FrameListener listener) {
        Tap tap = new Tap(listener);
        Tap[] next = Arrays.copyOf(taps, taps.length + 1);
        next[taps.length] = tap;
        taps = next;
        return tap;
    }

    private synchronized void remove(Tap tap) {
        taps = Arrays.stream(taps).filter(t -> t != tap).toArray(Tap[]::new);
    }

    /** Hands {@code frame} to every tap; a failing tap is counted as the node's error, the frame goes on. */
    void fire(String streamId, String node, Frame frame, StageStats stats) {
        for (Tap tap : taps) {
            try {
                tap.listener.frame(streamId, node, frame);
            } catch (RuntimeException e) {
                stats.note("tap failed: " + e);
            }
        }
    }
}
