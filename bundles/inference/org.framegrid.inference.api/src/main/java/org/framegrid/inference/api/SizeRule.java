package org.framegrid.inference.api;

/**
 * Which image sizes an input accepts. Each side is either fixed ({@code > 0}) or dynamic ({@code 0}); a dynamic side
 * must be a multiple of {@code multipleOf}. For example {@code 128x128} (BlazeFace), any size in multiples of 32
 * (a text detector: {@code 0, 0, 32}), or height 48 with any width in multiples of 8 (a text recogniser:
 * {@code 0, 48, 8}). Callers pick the dynamic sides, for example the frame's rounded to the multiple. Immutable.
 *
 * @param width      fixed width in pixels, or 0 when dynamic
 * @param height     fixed height in pixels, or 0 when dynamic
 * @param multipleOf the step dynamic sides must be a multiple of (1 for any size)
 */
public record SizeRule(int width, int height, int multipleOf) {

    public SizeRule {
        if (width < 0 || height < 0 || multipleOf < 1) {
            throw new IllegalArgumentException("a size rule needs sides >= 0 (0 = dynamic) and multipleOf >= 1; got "
                    + width + "x" + height + " multipleOf " + multipleOf);
        }
    }

    /** @return a rule for exactly {@code width x height} */
    public static SizeRule fixed(int width, int height) {
        if (width == 0 || height == 0) {
            throw new IllegalArgumentException("a fixed size needs both sides > 0: " + width + "x" + height);
        }
        return new SizeRule(width, height, 1);
    }

    /** @return a rule for any size whose sides are multiples of {@code multipleOf} */
    public static SizeRule multipleOf(int multipleOf) {
        return new SizeRule(0, 0, multipleOf);
    }

    /** @return whether both sides are fixed */
    public boolean isFixed() {
        return width > 0 && height > 0;
    }

    /** @return whether an input of {@code w x h} pixels satisfies the rule */
    public boolean accepts(int w, int h) {
        return side(width, w) && side(height, h);
    }

    private boolean side(int rule, int value) {
        return rule > 0 ? value == rule : value > 0 && value % multipleOf == 0;
    }
}
