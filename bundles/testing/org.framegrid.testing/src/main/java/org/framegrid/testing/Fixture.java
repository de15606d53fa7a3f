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

    /**
     * For tests that cannot use {@link #require} (JUnit 4 in the in-framework tests, where JUnit 5 is absent).
     *
     * @return whether a missing fixture must fail the test (the {@code CI} variable is set) rather than skip it
     */
    public static boolean failsWhenMissing() {
        return failsWhenMissing(System.getenv("CI"));
    }

    private static boolean failsWhenMissing(String ci) {
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    /** {@link #require(boolean, String)} with the {@code CI} variable's value given. */
    static void require(boolean present, String missing, String ci) {
        if (present) {
            return;
        }
        if (failsWhenMissing(ci)) {
            throw new AssertionError(missing + " (CI is set: a missing fixture fails the test instead of skipping it)");
        }
        Assumptions.abort("skipped: " + missing);
    }
}
