package org.framegrid.api.frame;

/**
 * What a source drew into a frame's picture, so that a reader anywhere downstream (after encoding, the network,
 * scaling and decoding, which all lose metadata) knows which frame it sees, when it was made and which app event it
 * reflects: how glass-to-glass latency is measured per frame. The {@code read-frame-code} stage reads it back and
 * attaches it under {@link FrameMeta#FRAME_CODE}; sources that draw it attach it too.
 *
 * <p>The picture carries each field modulo its width (frame and event 24 bits, the capture time 32 bits of 100 µs,
 * about five days); a reader restores the capture time against its own clock, so writer and reader must share a
 * clock (one host).
 *
 * <p>Immutable and thread-safe.
 *
 * @param frame the source's frame number, modulo 2^24
 * @param captureMicros when the source made the frame, in microseconds since the epoch (100 µs resolution)
 * @param event the id of the last app event the source applied before making the frame (0: none), modulo 2^24
 * @since 2.2
 */
public record FrameCode(long frame, long captureMicros, long event) {
}
