package org.framegrid.stage.model;

import org.framegrid.inference.api.SizeRule;

/**
 * Picks a model input size for a frame: the fixed size when the model has one, otherwise the frame's aspect ratio
 * with the longer side near {@code target}, each side rounded to the model's multiple (at least one multiple).
 *
 * <p>Immutable.
 *
 * @param width  input width in pixels
 * @param height input height in pixels
 * @since 2.0
 */
public record InputSize(int width, int height) {

    /** @return the input size for a {@code frameWidth x frameHeight} frame under {@code rule} */
    public static InputSize choose(SizeRule rule, int frameWidth, int frameHeight, int target) {
        if (rule.isFixed()) {
            return new InputSize(rule.width(), rule.height());
        }
        float scale = (float) target / Math.max(frameWidth, frameHeight);
        int w = rule.width() > 0 ? rule.width() : round(frameWidth * scale, rule.multipleOf());
        int h = rule.height() > 0 ? rule.height() : round(frameHeight * scale, rule.multipleOf());
        return new InputSize(w, h);
    }

    private static int round(float side, int multiple) {
        return Math.max(multiple, Math.round(side / multiple) * multiple);
    }
}
