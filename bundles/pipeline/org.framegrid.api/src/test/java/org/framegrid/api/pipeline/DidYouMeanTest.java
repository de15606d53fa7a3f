package org.framegrid.api.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The one "did you mean" of pipeline messages. */
class DidYouMeanTest {

    @Test
    void aTypoOrASwapOfTwoLettersFindsTheName() {
        List<String> types = List.of("test-source", "detect-faces", "overlay", "collect");
        assertEquals("detect-faces", DidYouMean.closest("detect-face", types));
        assertEquals("overlay", DidYouMean.closest("ovelray", types), "a swap counts as one edit");
        assertEquals("collect", DidYouMean.closest("COLLECT", types), "case does not count");
    }

    @Test
    void nothingCloseEnoughSuggestsNothing() {
        assertNull(DidYouMean.closest("segment", List.of("test-source", "overlay")));
        assertNull(DidYouMean.closest("x", List.of()));
        assertEquals("", DidYouMean.hint("segment", List.of("overlay")));
    }

    @Test
    void theLimitIsAThirdOfTheWordAndAtLeastTwoEdits() {
        assertEquals("ab", DidYouMean.closest("xy", List.of("ab")), "2 edits always pass");
        assertNull(DidYouMean.closest("xyz", List.of("abc")), "3 edits of 3 letters do not");
        assertEquals("abcdefghi", DidYouMean.closest("abcxyzghi", List.of("abcdefghi")), "3 of 9 do");
    }

    @Test
    void theFirstOfEquallyCloseCandidatesWinsAndTheHintQuotesIt() {
        assertEquals("cat", DidYouMean.closest("hat", List.of("cat", "bat")));
        assertEquals("bat", DidYouMean.closest("hat", List.of("bat", "cat")));
        assertEquals("; did you mean 'width'?", DidYouMean.hint("widht", List.of("widths", "width")));
        assertEquals(3, DidYouMean.distance("kitten", "sitting"));
    }
}
