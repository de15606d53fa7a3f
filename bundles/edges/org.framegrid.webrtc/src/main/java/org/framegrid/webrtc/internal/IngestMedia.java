package org.framegrid.webrtc.internal;

import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import org.framegrid.api.frame.AudioSamples;

/**
 * What a WHIP publisher sends, handed from libwebrtc's threads to the {@code webrtc-in} stage. Video goes through a
 * one-frame slot whose drop policy is latest-wins: a newer decoded frame replaces one the stage has not taken (live
 * video), so a slow pipeline never builds a backlog. Audio (decoded PCM, 10 ms chunks) queues up to one second, oldest
 * dropped beyond that. The callbacks never block.
 */
final class IngestMedia implements VideoTrackSink, AudioTrackSink {
    private static final long MAX_AUDIO_NANOS = 1_000_000_000L;

    /** A frame taken from the slot, with when it arrived. The taker owns its one reference. */
    record Arrival(VideoFrame frame, long nanos) {
    }

    private record Pcm(int rate, int channels, long nanos, short[] samples) {
        long duration() {
            return samples.length / channels * 1_000_000_000L / rate;
        }
    }

    private final FrameMeter meter = new FrameMeter();
    private final ArrayDeque<Pcm> audio = new ArrayDeque<>();
    private VideoFrame pending;
    private long pendingNanos;
    private long audioNanos;
    private boolean ended;

    /** Called on libwebrtc's decoder thread with a frame whose one reference is ours. */
    @Override
    public void onVideoFrame(VideoFrame frame) {
        meter.frame(frame.buffer.getWidth(), frame.buffer.getHeight());
        VideoFrame replaced;
        synchronized (this) {
            if (ended) {
                replaced = frame;
            } else {
                replaced = pending;
                pending = frame;
                pendingNanos = System.nanoTime();
                notifyAll();
            }
        }
        if (replaced != null) {
            replaced.release();
        }
    }

    /** Called on the audio device module's thread with 10 ms of decoded audio. */
    @Override
    public void onData(byte[] data, int bitsPerSample, int sampleRate, int channels, int frames) {
        if (bitsPerSample != 16 || channels < 1 || channels > 2 || frames <= 0) {
            return;
        }
        short[] samples = new short[frames * channels];
        ByteBuffer.wrap(data, 0, samples.length * 2).order(ByteOrder.nativeOrder()).asShortBuffer().get(samples);
        long now = System.nanoTime();
        synchronized (this) {
            if (ended) {
                return;
            }
            Pcm chunk = new Pcm(sampleRate, channels, now - frames * 1_000_000_000L / sampleRate, samples);
            audio.add(chunk);
            audioNanos += chunk.duration();
            while (audioNanos > MAX_AUDIO_NANOS) {
                audioNanos -= audio.poll().duration();
            }
        }
    }

    /**
     * Waits for the newest frame.
     *
     * @return it, or {@code null} when none came within the timeout or the publisher ended
     */
    synchronized Arrival take(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (pending == null && !ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        if (pending == null) {
            return null;
        }
        Arrival a = new Arrival(pending, pendingNanos);
        pending = null;
        return a;
    }

    /**
     * @param originNanos the {@code System.nanoTime()} the stream's timestamps count from
     * @return the audio that arrived since the last call, as one block of the first chunk's format; {@code null}
     *     when none
     */
    synchronized AudioSamples drainAudio(long originNanos) {
        Pcm first = audio.peek();
        if (first == null) {
            return null;
        }
        int total = 0;
        for (Pcm p : audio) {
            if (p.rate != first.rate || p.channels != first.channels) {
                break;
            }
            total += p.samples.length;
        }
        short[] all = new short[total];
        int at = 0;
        while (at < total) {
            Pcm p = audio.poll();
            audioNanos -= p.duration();
            System.arraycopy(p.samples, 0, all, at, p.samples.length);
            at += p.samples.length;
        }
        return new AudioSamples(first.rate, first.channels, Math.max(0, first.nanos - originNanos), all);
    }

    /** The publisher is gone: waiting takers return, frames arriving late are released. */
    void end() {
        VideoFrame left;
        synchronized (this) {
            ended = true;
            left = pending;
            pending = null;
            audio.clear();
            notifyAll();
        }
        if (left != null) {
            left.release();
        }
    }

    synchronized boolean ended() {
        return ended;
    }

    FrameMeter meter() {
        return meter;
    }
}
