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
        if (present) {
            return;
        }
        if (onCi()) {
            throw new AssertionError(missing + " (CI is set: a missing fixture fails the test instead of skipping it)");
        }
        Assumptions.abort("skipped: " + missing);
    }

    /** @return whether this runs on CI: the {@code CI} environment variable is set to anything but false */
    public static boolean onCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }
}
