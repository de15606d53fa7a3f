package org.framegrid.stage.model;

/**
 * The geometry of fitting a {@code frameWidth x frameHeight} frame into a {@code size x size} model input without
 * distorting it: scaled by {@link #scale()}, centred, the rest padded. A plain resize would squash faces (they score
 * lower and get wrong boxes, which is why MediaPipe letterboxes too) and bend the angles of line segments.
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
public record Letterbox(int frameWidth, int frameHeight, int size, float scale, float padX, float padY) {

    /**
     * @return the letterbox of a {@code frameWidth x frameHeight} frame in a {@code size x size} input
     * @throws IllegalArgumentException if a size is not positive
     */
    public static Letterbox of(int frameWidth, int frameHeight, int size) {
        if (frameWidth < 1 || frameHeight < 1 || size < 1) {
            throw new IllegalArgumentException("letterbox " + frameWidth + "x" + frameHeight + " into " + size);
        }
        float scale = Math.min((float) size / frameWidth, (float) size / frameHeight);
        return new Letterbox(frameWidth, frameHeight, size, scale, (size - frameWidth * scale) / 2,
                (size - frameHeight * scale) / 2);
    }

    /** @return the frame x (pixels) of input x (normalised to the input, 0..1) */
    public float frameX(float inputX) {
        return (inputX * size - padX) / scale;
    }

    /** @return the frame y (pixels) of input y (normalised to the input, 0..1) */
    public float frameY(float inputY) {
        return (inputY * size - padY) / scale;
    }

    /** @return the input x (normalised, 0..1) of frame x (pixels) */
    public float inputX(float frameX) {
        return (frameX * scale + padX) / size;
    }

    /** @return the input y (normalised, 0..1) of frame y (pixels) */
    public float inputY(float frameY) {
        return (frameY * scale + padY) / size;
    }
}
