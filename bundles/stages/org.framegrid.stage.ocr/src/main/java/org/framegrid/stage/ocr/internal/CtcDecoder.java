package org.framegrid.stage.ocr.internal;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * Greedy CTC decoding of a recogniser's per-step class probabilities: the best class of each step, repeats merged,
 * blanks dropped. Class 0 is the blank, class {@code i} (1..n) is line {@code i} of the dictionary, and class n+1 is
 * a space (PaddleOCR's {@code use_space_char}). Confidence is the mean probability of the characters kept.
 *
 * <p>Immutable; thread-safe.
 */
final class CtcDecoder {

    /** A decoded line. */
    record Line(String text, float score) {
    }

    private final List<String> dictionary;

    CtcDecoder(List<String> dictionary) {
        this.dictionary = List.copyOf(dictionary);
    }

    /** @return how many classes a recogniser for this dictionary must output (blank + characters + space) */
    int classes() {
        return dictionary.size() + 2;
    }

    /** Decodes {@code steps x classes} probabilities starting at index 0 of {@code probabilities}. */
    Line decode(FloatBuffer probabilities, int steps, int classes) {
        StringBuilder text = new StringBuilder();
        double sum = 0;
        int kept = 0;
        int previous = -1;
        for (int t = 0; t < steps; t++) {
            int best = 0;
            float bestP = -1;
            int base = t * classes;
            for (int c = 0; c < classes; c++) {
                float p = probabilities.get(base + c);
                if (p > bestP) {
                    bestP = p;
                    best = c;
                }
            }
            if (best != 0 && best != previous) {
                text.append(best <= dictionary.size() ? dictionary.get(best - 1) : " ");
                sum += bestP;
                kept++;
            }
            previous = best;
        }
        return new Line(text.toString().strip(), kept == 0 ? 0f : (float) (sum / kept));
    }
}
