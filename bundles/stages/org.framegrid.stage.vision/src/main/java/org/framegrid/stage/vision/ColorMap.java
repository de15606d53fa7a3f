package org.framegrid.stage.vision;

/**
 * Colour maps for single-channel maps (depth): 256 RGB entries from a value in {@code 0..1}. The perceptual maps are
 * built from published polynomial fits (turbo: Google's approximation; inferno: the matplotlib fit by Mattias Hjort),
 * so no tables need shipping.
 */
public enum ColorMap {
    GRAY,
    TURBO,
    INFERNO;

    private final int[] table = new int[256];

    ColorMap() {
        for (int i = 0; i < 256; i++) {
            table[i] = rgb(name(), i / 255.0);
        }
    }

    /** @return the colour of {@code value} (clamped to 0..1) as {@code 0xRRGGBB} */
    public int color(float value) {
        return table[Math.round(Math.clamp(value, 0f, 1f) * 255)];
    }

    private static int rgb(String map, double t) {
        double r;
        double g;
        double b;
        switch (map) {
            case "TURBO" -> {
                r = 0.13572138 + t * (4.61539260 + t * (-42.66032258 + t * (132.13108234 + t * (-152.94239396
                        + t * 59.28637943))));
                g = 0.09140261 + t * (2.19418839 + t * (4.84296658 + t * (-14.18503333 + t * (4.27729857
                        + t * 2.82956604))));
                b = 0.10667330 + t * (12.64194608 + t * (-60.58204836 + t * (110.36276771 + t * (-89.90310912
                        + t * 27.34824973))));
            }
            case "INFERNO" -> {
                r = 0.0002189403691192265 + t * (0.1065134194856116 + t * (11.60249308247187 + t * (-41.70399613139459
                        + t * (77.16293497650546 + t * (-71.31942824499214 + t * 25.13112622477341)))));
                g = 0.001651004631001012 + t * (0.5639564367884091 + t * (-3.972853965665698 + t * (17.43639888205313
                        + t * (-33.40235894210092 + t * (32.62606426397723 + t * -12.24266895238567)))));
                b = -0.01948089843709184 + t * (3.932712388889277 + t * (-15.9423941062914 + t * (44.35414519872813
                        + t * (-81.80730925738993 + t * (73.20951985803202 + t * -23.07032500287172)))));
            }
            default -> {
                r = t;
                g = t;
                b = t;
            }
        }
        return channel(r) << 16 | channel(g) << 8 | channel(b);
    }

    private static int channel(double v) {
        return (int) Math.round(Math.clamp(v, 0.0, 1.0) * 255);
    }
}
