package org.framegrid.stage.model;

/**
 * The geometry of fitting a {@code frameWidth x frameHeight} frame into an {@code inputWidth x inputHeight} model
 * input without distorting it: scaled by {@link #scale()}, centred, the rest padded. A plain resize would squash faces
 * (they score lower and get wrong boxes, which is why MediaPipe letterboxes too) and bend the angles of line segments.
 *
 * <p>Immutable.
 *
 * @param frameWidth  the frame's width in pixels
 * @param frameHeight the frame's height in pixels
 * @param inputWidth  the input's width in pixels
 * @param inputHeight the input's height in pixels
 * @param scale       input pixels per frame pixel
 * @param padX        input pixels left of the image
 * @param padY        input pixels above the image
 * @since 2.0
 */
public record Letterbox(int frameWidth, int frameHeight, int inputWidth, int inputHeight, float scale, float padX,
        float padY) {

    /**
     * @return the letterbox of a {@code frameWidth x frameHeight} frame in a {@code size x size} input
     * @throws IllegalArgumentException if a size is not positive
     */
    public static Letterbox of(int frameWidth, int frameHeight, int size) {
        return of(frameWidth, frameHeight, size, size);
    }

    /**
     * @return the letterbox of a {@code frameWidth x frameHeight} frame in an {@code inputWidth x inputHeight} input
     * @throws IllegalArgumentException if a size is not positive
     */
    public static Letterbox of(int frameWidth, int frameHeight, int inputWidth, int inputHeight) {
        if (frameWidth < 1 || frameHeight < 1 || inputWidth < 1 || inputHeight < 1) {
            throw new IllegalArgumentException("letterbox " + frameWidth + "x" + frameHeight + " into " + inputWidth
                    + "x" + inputHeight);
        }
        float scale = Math.min((float) inputWidth / frameWidth, (float) inputHeight / frameHeight);
        return new Letterbox(frameWidth, frameHeight, inputWidth, inputHeight, scale,
                (inputWidth - frameWidth * scale) / 2, (inputHeight - frameHeight * scale) / 2);
    }

    /** @return the frame x (pixels) of input x (normalised to the input, 0..1) */
    public float frameX(float inputX) {
        return (inputX * inputWidth - padX) / scale;
    }

    /** @return the frame y (pixels) of input y (normalised to the input, 0..1) */
    public float frameY(float inputY) {
        return (inputY * inputHeight - padY) / scale;
    }

    /** @return the input x (normalised, 0..1) of frame x (pixels) */
    public float inputX(float frameX) {
        return (frameX * scale + padX) / inputWidth;
    }

    /** @return the input y (normalised, 0..1) of frame y (pixels) */
    public float inputY(float frameY) {
        return (frameY * scale + padY) / inputHeight;
    }
}
