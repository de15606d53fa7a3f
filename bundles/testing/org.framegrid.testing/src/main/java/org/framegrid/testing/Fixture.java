package org.framegrid.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * A real fixture a test needs (a test image, a model bundle, a command-line tool) and that may be missing. On CI (the
 * {@code CI} environment variable is set, as on the CI machine) a missing fixture fails the test, so a broken download
 * cannot turn the suite green; on a developer's machine the test is skipped. The message is the same both ways: which
 * fixture, and how it is installed.
 */
public final class Fixture {

    private Fixture() {
    }

    /**
     * @param present whether the fixture is there
     * @param missing what is missing and how it is installed ("the real test image X is absent: ...")
     */
    public static void require(boolean present, String missing) {
        require(present, missing, System.getenv("CI"));
    }

    /** {@link #require(boolean, String)} with the {@code CI} variable's value given. */
    static void require(boolean present, String missing, String ci) {
        if (present) {
            return;
        }
        if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
            throw new AssertionError(missing + " (CI is set: a missing fixture fails the test instead of skipping it)");
        }
        Assumptions.abort("skipped: " + missing);
    }
}
