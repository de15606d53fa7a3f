package org.framegrid.pipeline.engine.internal;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.framegrid.api.frame.FramePool;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.StageContext;

/**
 * One stage instance's view of its slot. Each instance gets its own, so that what an instance reports (a reload
 * request, being unavailable) is told apart from what its predecessor or successor in the same slot reports.
 */
final class SlotContext implements StageContext {
    private final StageSlot slot;
    /** Why the instance cannot work, or null; read on every frame. */
    volatile String unavailable;
    volatile String using;
    /** A reload asked for while the instance was still starting, honoured once it is installed. */
    final AtomicReference<String> reloadBeforeInstalled = new AtomicReference<>();

    SlotContext(StageSlot slot) {
        this.slot = slot;
    }

    @Override
    public String streamId() {
        return slot.streamId();
    }

    @Override
    public String nodeName() {
        return slot.plan.name();
    }

    @Override
    public PixelFormat inputFormat() {
        return slot.plan.input();
    }

    @Override
    public PixelFormat outputFormat() {
        return slot.plan.output();
    }

    @Override
    public FramePool pool() {
        return slot.pool();
    }

    @Override
    public void endOfStream() {
        slot.endOfStream();
    }

    @Override
    public void expectFrames(long frames) {
        slot.expectFrames(frames);
    }

    @Override
    public void dropped(long frames) {
        slot.stageDrops.add(frames);
    }

    @Override
    public void reload(String reason) {
        slot.reloadRequested(this, reason);
    }

    @Override
    public void unavailable(String reason) {
        unavailable = reason == null ? "unavailable" : reason;
        slot.unavailableReported(this);
    }

    @Override
    public void using(String resources) {
        using = resources;
    }

    @Override
    public Map<String, Object> nextEvent() {
        return slot.events.poll();
    }
}
