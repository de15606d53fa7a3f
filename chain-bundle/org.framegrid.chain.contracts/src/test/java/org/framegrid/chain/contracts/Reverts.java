package org.framegrid.chain.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Asserts that a transaction reverts with a given reason, as the command line will see it. */
final class Reverts {

    interface Call {
        Object run() throws Exception;
    }

    private Reverts() {
    }

    static void assertReverts(RevertReason expected, Call call) {
        try {
            call.run();
        } catch (Exception e) {
            RevertReason actual = RevertReason.find(e)
                    .orElseThrow(() -> new AssertionError("expected revert '" + expected.reason() + "', got " + e, e));
            assertEquals(expected, actual, e.getMessage());
            return;
        }
        throw new AssertionError("expected revert '" + expected.reason() + "', but the call succeeded");
    }
}
