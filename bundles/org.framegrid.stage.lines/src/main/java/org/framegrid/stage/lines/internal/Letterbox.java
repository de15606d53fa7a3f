package org.framegrid.stage.lines.internal;

/**
 * The geometry of fitting a {@code frameWidth x frameHeight} frame into a {@code size x size} model input without
 * distorting it: scaled by {@link #scale()}, centred, the rest padded. A plain resize would bend the angles of the
 * segments, so the stage letterboxes; {@link LineDetector#decode} undoes it as {@code (input - pad) / scale}.
 *
 * <p>Immutable.
 *
 * @param frameWidth  the frame's width in pixels
 * @param frameHeight the frame's height in pixels
 * @param size        the square input's side in pixels
 * @param scale       input pixels per frame pixel
 * @param padX        input pixels left of the image
 * @param padY        input pixels above the image
 */
record Letterbox(int frameWidth, int frameHeight, int size, float scale, float padX, float padY) {

    static Letterbox of(int frameWidth, int frameHeight, int size) {
        if (frameWidth < 1 || frameHeight < 1 || size < 1) {
            throw new IllegalArgumentException("letterbox " + frameWidth + "x" + frameHeight + " into " + size);
        }
        float scale = Math.min((float) size / frameWidth, (float) size / frameHeight);
        return new Letterbox(frameWidth, frameHeight, size, scale, (size - frameWidth * scale) / 2,
                (size - frameHeight * scale) / 2);
    }
}
