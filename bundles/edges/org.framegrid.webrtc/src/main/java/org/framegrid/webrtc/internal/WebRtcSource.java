package org.framegrid.webrtc.internal;

import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrameBuffer;
import org.framegrid.api.frame.AudioSamples;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.webrtc.api.WebRtcStages;

/**
 * One {@code webrtc-in} instance: takes the publisher's newest decoded frame, copies it into a pool frame, and ends
 * the stream when the publisher is gone. Timestamps count from the instance's start on the arrival clock, audio and
 * video alike, which keeps them in sync whatever the publisher's own clock does.
 */
final class WebRtcSource implements Stage {
    private final PeerHub hub;
    private StageContext context;
    private String peer;
    private volatile long waitMillis;
    private IngestMedia media;
    private long origin;
    private long lastPts = -1;

    WebRtcSource(PeerHub hub) {
        this.hub = hub;
    }

    @Override
    public void configure(StageContext context, StageProperties properties) {
        this.context = context;
        this.peer = properties.getString(WebRtcStages.SOURCE_PEER);
        this.waitMillis = properties.getLong("wait-ms");
    }

    @Override
    public void start() {
        media = hub.publisher(peer);
        if (media == null) {
            throw new IllegalArgumentException("webrtc-in: no WHIP publisher '" + peer + "' is connected");
        }
        origin = System.nanoTime();
    }

    @Override
    public Frame process(Frame ignored) throws InterruptedException {
        IngestMedia.Arrival arrival = media.take(waitMillis);
        if (arrival == null) {
            if (media.ended()) {
                context.endOfStream();
            }
            return null;
        }
        VideoFrameBuffer buffer = arrival.frame().buffer;
        I420Buffer yuv = buffer instanceof I420Buffer direct ? direct : buffer.toI420();
        try {
            int w = yuv.getWidth();
            int h = yuv.getHeight();
            Frame f = context.pool().acquire(PixelFormat.I420, w, h);
            I420.copyPlane(yuv.getDataY(), 0, yuv.getStrideY(), f.data(), f.offset(0), f.stride(0), w, h);
            I420.copyPlane(yuv.getDataU(), 0, yuv.getStrideU(), f.data(), f.offset(1), f.stride(1), I420.chroma(w),
                    I420.chroma(h));
            I420.copyPlane(yuv.getDataV(), 0, yuv.getStrideV(), f.data(), f.offset(2), f.stride(2), I420.chroma(w),
                    I420.chroma(h));
            // Strictly increasing: an encoder drops a picture whose time does not advance.
            long pts = Math.max(arrival.nanos() - origin, lastPts + 1);
            lastPts = pts;
            f.pts(pts);
            AudioSamples audio = media.drainAudio(origin);
            if (audio != null) {
                f.meta(FrameMeta.AUDIO, audio);
            }
            return f;
        } finally {
            if (yuv != buffer) {
                yuv.release();
            }
            arrival.frame().release();
        }
    }

    @Override
    public void update(StageProperties properties) {
        waitMillis = properties.getLong("wait-ms");
    }

    @Override
    public void stop() {
        // The publisher's media belongs to its peer; nothing of it is held between calls.
    }
}
