package org.framegrid.inference.api;

/** The channels an image input expects, in order. */
public enum ColorOrder {
    RGB(3),
    BGR(3),
    /** RGB followed by a constant channel of 1.0 (after normalisation), as M-LSD expects. */
    RGB_ONE(4),
    GRAY(1);

    private final int channels;

    ColorOrder(int channels) {
        this.channels = channels;
    }

    public int channels() {
        return channels;
    }
}
