package org.framegrid.stage.generator.internal;

import java.util.Map;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameCode;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.stage.FramePacer;
import org.framegrid.api.stage.StageProperties;

/**
 * One {@code scene} instance: paces itself, then applies the events that arrived (so the frame it makes next
 * reflects them), renders the world at the camera and draws the frame code. Its presentation times are its own
 * monotonic clock since start.
 */
final class Scene extends FrameStage {
    private final SceneRenderer renderer = new SceneRenderer();
    private long startNanos;
    private final FramePacer clock = new FramePacer();
    private long number;
    private double cameraX;
    private double cameraY;
    private long events;
    private long lastEvent;

    @Override
    public void start() {
        startNanos = System.nanoTime();
    }

    @Override
    public Frame process(Frame ignored) throws InterruptedException {
        StageProperties p = properties;
        long frames = p.getLong("frames");
        if (frames > 0 && number >= frames) {
            context.endOfStream();
            return null;
        }
        double fps = p.getDouble("fps");
        clock.await((long) (1e9 / fps));
        cameraX += p.getDouble("drift") / fps;
        for (Map<String, Object> e = context.nextEvent(); e != null; e = context.nextEvent()) {
            apply(e);
        }
        Frame f = context.pool().acquire(context.outputFormat(), p.getInt("width"), p.getInt("height"));
        renderer.draw(f, cameraX, cameraY);
        FrameCode code = new FrameCode(number++ & 0xFF_FFFF, FrameCodes.nowMicros(), lastEvent & 0xFF_FFFF);
        FrameCodes.draw(f, code);
        f.pts(System.nanoTime() - startNanos);
        return f.meta(FrameMeta.FRAME_CODE, code);
    }

    /** Moves the camera as the event says; a malformed event fails this frame with a one-line reason. */
    private void apply(Map<String, Object> e) {
        events++;
        Object id = e.getOrDefault("id", events);
        if (!(id instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("scene event " + e + ": 'id' must be a whole number");
        }
        lastEvent = n.longValue();
        if (e.containsKey("x") || e.containsKey("y")) {
            cameraX = number(e, "x", cameraX);
            cameraY = number(e, "y", cameraY);
        }
        cameraX += number(e, "dx", 0);
        cameraY += number(e, "dy", 0);
    }

    private static double number(Map<String, Object> e, String key, double otherwise) {
        Object v = e.get(key);
        if (v == null) {
            return otherwise;
        }
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("scene event " + e + ": '" + key + "' must be a number, got " + v);
    }
}
