package org.framegrid.media.internal;

/**
 * One compressed audio packet, copied out of the demuxer untouched. Timestamps count in the {@link AudioTrack}'s
 * time base; {@link #ptsNanos} is the same instant on the engine's clock, used to keep audio beside the video frames.
 *
 * @param data the compressed bytes
 * @param pts presentation timestamp in track time base
 * @param dts decoding timestamp in track time base
 * @param duration duration in track time base
 * @param flags FFmpeg packet flags (key)
 * @param ptsNanos presentation time in nanoseconds
 */
public record AudioPacket(byte[] data, long pts, long dts, long duration, int flags, long ptsNanos) {
}
