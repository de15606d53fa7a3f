package org.framegrid.api.frame;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Recycles frames so that steady-state streaming allocates no pixel buffers. The engine gives each stage a pool
 * through its {@code StageContext}; stages acquire output frames from it and never allocate pixel memory themselves.
 *
 * <p>Thread-safe. Methods never return {@code null}.
 */
@ProviderType
public interface FramePool {

    /**
     * Borrows a frame with tightly packed planes and no metadata. Pixel contents are undefined (a recycled frame keeps
     * old pixels). The caller holds one reference.
     *
     * @param format the pixel format
     * @param width width in pixels, at least 1
     * @param height height in pixels, at least 1
     * @return a frame with {@code refCount() == 1}
     */
    Frame acquire(PixelFormat format, int width, int height);

    /**
     * Borrows a frame like {@link #acquire(PixelFormat, int, int)} and copies {@code template}'s header (pts, stream
     * id, sequence) and metadata into it: what a converting stage (resize, convert) needs for its output.
     *
     * @param format the pixel format
     * @param width width in pixels
     * @param height height in pixels
     * @param template the frame whose header and metadata to copy
     * @return a frame with {@code refCount() == 1}
     */
    Frame acquire(PixelFormat format, int width, int height, Frame template);

    /**
     * Borrows a frame that is a full copy of {@code frame}: header, metadata and pixels. Used to write on a shared
     * frame.
     *
     * @param frame the frame to copy
     * @return a frame with {@code refCount() == 1}
     */
    Frame copyOf(Frame frame);

    /** @return how many frames of this pool are borrowed and not yet released */
    int outstanding();

    /** @return how many pixel buffers this pool has allocated since it was created */
    long allocated();
}
