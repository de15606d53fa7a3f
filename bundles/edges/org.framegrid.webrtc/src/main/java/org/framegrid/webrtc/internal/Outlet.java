package org.framegrid.webrtc.internal;

import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.framegrid.api.frame.AudioSamples;
import org.framegrid.api.frame.Frame;

/**
 * One named output that WHEP viewers watch: the video and audio sources every viewer's tracks read (each viewer
 * encodes on its own), fed by a {@code webrtc-out} stage. Pushing is skipped while nobody watches. Audio goes out in
 * the 10 ms chunks libwebrtc's audio path works in; a remainder waits for the next block.
 *
 * <p>Pushes come from one stage thread; viewers are added and removed from any thread.
 */
final class Outlet {
    final String name;
    private final CustomVideoSource video = new CustomVideoSource();
    private final CustomAudioSource audio = new CustomAudioSource();
    private final Set<RtcPeer> viewers = ConcurrentHashMap.newKeySet();
    private final FrameMeter meter = new FrameMeter();
    private short[] audioRest = new short[0];
    /** Stages holding it (a hot swap opens it again before closing it); guarded by the hub. */
    int holders = 1;

    Outlet(String name) {
        this.name = name;
    }

    CustomVideoSource video() {
        return video;
    }

    CustomAudioSource audio() {
        return audio;
    }

    FrameMeter meter() {
        return meter;
    }

    void addViewer(RtcPeer viewer) {
        viewers.add(viewer);
    }

    void removeViewer(RtcPeer viewer) {
        viewers.remove(viewer);
    }

    int viewers() {
        return viewers.size();
    }

    /** Copies an I420 frame into a fresh native buffer (pushing does not copy) and hands it to the viewers. */
    void push(Frame frame) {
        meter.frame(frame.width(), frame.height());
        if (viewers.isEmpty()) {
            return;
        }
        int w = frame.width();
        int h = frame.height();
        NativeI420Buffer buffer = NativeI420Buffer.allocate(w, h);
        ByteBuffer data = frame.data();
        I420.copyPlane(data, frame.offset(0), frame.stride(0), buffer.getDataY(), 0, buffer.getStrideY(), w, h);
        I420.copyPlane(data, frame.offset(1), frame.stride(1), buffer.getDataU(), 0, buffer.getStrideU(),
                I420.chroma(w), I420.chroma(h));
        I420.copyPlane(data, frame.offset(2), frame.stride(2), buffer.getDataV(), 0, buffer.getStrideV(),
                I420.chroma(w), I420.chroma(h));
        VideoFrame out = new VideoFrame(buffer, System.nanoTime());
        try {
            video.pushFrame(out);
        } finally {
            out.release();
        }
    }

    /** Hands the samples to the viewers in 10 ms chunks. */
    void push(AudioSamples samples) {
        int chunk = samples.sampleRate() / 100 * samples.channels();
        short[] all = new short[audioRest.length + samples.samples().length];
        System.arraycopy(audioRest, 0, all, 0, audioRest.length);
        System.arraycopy(samples.samples(), 0, all, audioRest.length, samples.samples().length);
        int at = 0;
        if (!viewers.isEmpty()) {
            ByteBuffer bytes = ByteBuffer.allocate(chunk * 2).order(ByteOrder.nativeOrder());
            for (; at + chunk <= all.length; at += chunk) {
                bytes.clear();
                bytes.asShortBuffer().put(all, at, chunk);
                audio.pushAudio(bytes.array(), 16, samples.sampleRate(), samples.channels(), chunk / samples.channels());
            }
        } else {
            at = all.length - all.length % chunk;
        }
        audioRest = java.util.Arrays.copyOfRange(all, at, all.length);
    }

    /** The viewers of this outlet, to end them when it closes. */
    Set<RtcPeer> viewerSet() {
        return Set.copyOf(viewers);
    }

    /** Frees the sources; the viewers' connections must be closed first. */
    void dispose() {
        video.dispose();
        audio.dispose();
    }
}
