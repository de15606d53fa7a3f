package org.framegrid.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing fixture fails on CI and skips elsewhere, with the same message; a present one does neither. */
class FixtureTest {

    private static final String MISSING = "the real test image x.png is absent (install it with y)";

    @Test
    void aMissingFixtureFailsWhereCiIsSet() {
        for (String ci : new String[] {"true", "1", "yes"}) {
            AssertionError e = assertThrows(AssertionError.class, () -> Fixture.require(false, MISSING, ci));
            assertEquals(MISSING + " (CI is set: a missing fixture fails the test instead of skipping it)",
                    e.getMessage());
        }
    }

    @Test
    void aMissingFixtureSkipsElsewhere() {
        for (String ci : new String[] {null, "", "false"}) {
            TestAbortedException e = assertThrows(TestAbortedException.class,
                    () -> Fixture.require(false, MISSING, ci));
            assertEquals("skipped: " + MISSING, e.getMessage());
        }
    }

    @Test
    void aPresentFixtureNeitherFailsNorSkips() {
        Fixture.require(true, MISSING, "true");
        Fixture.require(true, MISSING, null);
    }
}
