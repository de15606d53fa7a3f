package org.framegrid.chain.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

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

    /**
     * Asserts that a transaction reverts with the Solidity custom error {@code signature}, such as OpenZeppelin's
     * {@code "AccessControlUnauthorizedAccount(address,bytes32)"}: anvil reports it as "custom error 0x" + selector.
     */
    static void assertRevertsWithError(String signature, Call call) {
        String selector = Numeric.toHexString(Hash.sha3(signature.getBytes(StandardCharsets.UTF_8)), 0, 4, false);
        try {
            call.run();
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t.getMessage() != null && t.getMessage().contains("custom error 0x" + selector)) {
                    return;
                }
            }
            throw new AssertionError("expected revert " + signature + " (0x" + selector + "), got " + e, e);
        }
        throw new AssertionError("expected revert " + signature + ", but the call succeeded");
    }
}
