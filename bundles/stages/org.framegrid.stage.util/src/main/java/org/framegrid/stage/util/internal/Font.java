package org.framegrid.stage.util.internal;

import org.framegrid.api.frame.Frame;

/**
 * A 3x5 bitmap font (digits, letters shown upper case, a little punctuation), scaled by whole pixels: enough for
 * labels and counters without AWT, whose font stack needs system libraries a headless node may not have.
 */
final class Font {
    private static final String GLYPHS = """
            0 111101101101111 1 010110010010111 2 111001111100111 3 111001111001111 4 101101111001001
            5 111100111001111 6 111100111101111 7 111001001001001 8 111101111101111 9 111101111001111
            A 010101111101101 B 110101110101110 C 011100100100011 D 110101101101110 E 111100110100111
            F 111100110100100 G 011100101101011 H 101101111101101 I 111010010010111 J 001001001101010
            K 101101110101101 L 100100100100111 M 101111111101101 N 110101101101101 O 010101101101010
            P 110101110100100 Q 010101101110011 R 110101110101101 S 011100010001110 T 111010010010010
            U 101101101101111 V 101101101101010 W 101101111111101 X 101101010101101 Y 101101010010010
            Z 111001010100111 . 000000000000010 : 000010000010000 - 000000111000000 % 101001010100101
            / 001001010100100 # 101111101111101 ? 111001010000010 _ 000000000000111 = 000111000111000
            """;
    private static final int[] BITS = new int[128];

    static {
        String[] parts = GLYPHS.trim().split("\\s+");
        for (int i = 0; i + 1 < parts.length; i += 2) {
            BITS[parts[i].charAt(0)] = Integer.parseInt(parts[i + 1], 2);
        }
    }

    private Font() {
    }

    /** @return the width in pixels of {@code text} at {@code scale} */
    static int width(String text, int scale) {
        return text.length() * 4 * scale;
    }

    /** Draws {@code text} with its top-left corner at (x, y), clipped to the frame. */
    static void draw(Frame f, String text, int x, int y, int scale, int rgb) {
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toUpperCase(text.charAt(i));
            int bits = c == ' ' ? 0 : c < 128 && BITS[c] != 0 ? BITS[c] : BITS['?'];
            for (int r = 0; r < 5; r++) {
                for (int col = 0; col < 3; col++) {
                    if ((bits >> (14 - (r * 3 + col)) & 1) != 0) {
                        Draw.fill(f, x + (i * 4 + col) * scale, y + r * scale, scale, scale, rgb);
                    }
                }
            }
        }
    }
}
