package org.framegrid.api.pipeline;

import java.util.Collection;

/**
 * "Did you mean …?" for a misspelt name in a pipeline (a stage type, a property, a node, a YAML key, an enum value):
 * the candidate at the smallest edit distance, if it is close enough to be what was meant. A pure function on
 * strings, shared by the engine and the pipeline readers so that every message suggests the same way.
 *
 * <p>Distance is Damerau–Levenshtein (optimal string alignment: a swap of two neighbouring letters counts once),
 * case-insensitive; close enough is at most a third of the word's length, and at least 2 edits. Of equally close
 * candidates the first wins. Thread-safe.
 *
 * @since 1.3
 */
public final class DidYouMean {

    private DidYouMean() {
    }

    /**
     * @param word       what was written
     * @param candidates the names that exist, in the order to prefer on a tie
     * @return the closest candidate within the limit, or {@code null}
     */
    public static String closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Math.max(2, word.length() / 3) + 1;
        for (String candidate : candidates) {
            int distance = distance(word.toLowerCase(), candidate.toLowerCase());
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /**
     * @return {@code "; did you mean 'x'?"} for the {@linkplain #closest closest} candidate, or an empty string: what
     *     an error message appends
     */
    public static String hint(String word, Collection<String> candidates) {
        String near = closest(word, candidates);
        return near == null ? "" : "; did you mean '" + near + "'?";
    }

    /** @return the optimal-string-alignment distance between {@code a} and {@code b} */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
