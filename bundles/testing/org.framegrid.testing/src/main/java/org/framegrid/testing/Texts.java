package org.framegrid.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on text a test reads back: a scrape, a report, a printed line. */
public final class Texts {

    private Texts() {
    }

    /**
     * @param text what was read
     * @param parts each must stand in {@code text}
     * @throws AssertionError naming the first part missing, with the whole text
     */
    public static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), () -> "no \"" + part + "\" in:\n" + text);
        }
    }
}
