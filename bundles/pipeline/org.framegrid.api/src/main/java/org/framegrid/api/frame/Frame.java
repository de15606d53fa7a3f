package org.framegrid.api.frame;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One video frame: off-heap pixel data borrowed from a {@link FramePool}, a header (size, format, plane layout,
 * presentation time, stream id, sequence number) and typed metadata.
 *
 * <p><b>Ownership.</b> A frame is reference-counted. Whoever acquired it holds one reference; {@link #retain()} adds one
 * and {@link #release()} drops one. When the last reference is dropped the frame goes back to its pool and every
 * accessor becomes invalid: never touch a frame after releasing it. In a pipeline the engine owns the references: a
 * stage's {@code process} borrows its input for the length of the call (see {@code Stage}).
 *
 * <p><b>Threading.</b> The reference count is thread-safe. Pixels, header setters and metadata are not synchronised: a
 * frame is handed from thread to thread through the engine's queues (which publish it safely) and is mutated only by
 * the thread that currently holds it. A frame whose {@link #refCount()} is above 1 is shared (fan-out, held frames):
 * it must then be treated as read-only; copy it with {@link FramePool#copyOf(Frame)} to change it.
 *
 * <p><b>Nullness.</b> Accessors never return {@code null} unless stated.
 */
@ProviderType
public interface Frame {

    /** @return the pixel format */
    PixelFormat format();

    /** @return the width in pixels */
    int width();

    /** @return the height in pixels */
    int height();

    /** @return the byte offset of {@code plane} in {@link #data()} */
    int offset(int plane);

    /** @return the distance in bytes between two rows of {@code plane} */
    int stride(int plane);

    /**
     * The pixel bytes: a direct buffer, native byte order, position 0 and limit {@link PixelFormat#byteSize} for this
     * frame's format and size. The same buffer object is returned on every call, so use absolute get/put (or a
     * {@link ByteBuffer#duplicate()}) and never keep it past {@link #release()}.
     *
     * @return the pixel data
     */
    ByteBuffer data();

    /** @return the presentation timestamp in nanoseconds (source clock), 0 when unset */
    long pts();

    /** @param pts the presentation timestamp in nanoseconds */
    void pts(long pts);

    /** @return the id of the stream this frame belongs to; empty before the engine stamps it */
    String streamId();

    /** @return the sequence number the engine gave this frame as it left its source: 0, 1, 2, … per stream */
    long sequence();

    /**
     * Reads a metadata value.
     *
     * @param key the slot
     * @param <T> the value type
     * @return the value, or {@code null} when the slot is empty
     */
    <T> T meta(MetaKey<T> key);

    /**
     * Sets a metadata value, replacing any previous one.
     *
     * @param key the slot
     * @param value the value, of {@code key.type()}; {@code null} empties the slot
     * @param <T> the value type
     * @return this frame
     */
    <T> Frame meta(MetaKey<T> key, T value);

    /** @return the number of non-empty metadata slots, for allocation-free iteration with {@link #metaKey(int)} */
    int metaCount();

    /** @return the key of the {@code index}-th non-empty slot, {@code 0 <= index < metaCount()} */
    MetaKey<?> metaKey(int index);

    /** @return the current number of references (at least 1 while the frame is valid) */
    int refCount();

    /**
     * Adds a reference.
     *
     * @return this frame
     * @throws IllegalStateException if the frame was already released
     */
    Frame retain();

    /**
     * Drops a reference; the last one returns the frame to its pool.
     *
     * @throws IllegalStateException if the frame was already released
     */
    void release();
}
