package org.framegrid.chain.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;

class AnvilTest {

    @Test
    void startsMinesSnapshotsAndStopsTheProcess() throws Exception {
        ProcessHandle handle;
        try (Anvil anvil = Anvil.start()) {
            assertTrue(anvil.url().startsWith("http://127.0.0.1:"), anvil.url());
            assertEquals(31337, anvil.chainId());
            assertEquals(10, anvil.accounts().size());
            BigInteger balance = anvil.web3j().ethGetBalance(anvil.accounts().get(0).getAddress(),
                    DefaultBlockParameterName.LATEST).send().getBalance();
            assertEquals(new BigInteger("10000000000000000000000"), balance);

            long before = anvil.blockNumber();
            String snapshot = anvil.snapshot();
            anvil.mine(5760);
            assertEquals(before + 5760, anvil.blockNumber());
            anvil.revert(snapshot);
            assertEquals(before, anvil.blockNumber());

            handle = ProcessHandle.of(findPid(anvil)).orElseThrow();
            assertTrue(handle.isAlive());
        }
        // close() waits for the process to exit.
        assertFalse(handle.isAlive());
    }

    /** Reads at the blocks just before the latest are answered (a bare --prune-history refused even N-1). */
    @Test
    void theLatestStatesStayReadable() throws Exception {
        try (Anvil anvil = Anvil.start()) {
            anvil.mine(100);
            long latest = anvil.blockNumber();
            String account = anvil.accounts().get(0).getAddress();
            for (long block = latest; block > latest - Anvil.KEPT_STATES; block--) {
                var balance = anvil.web3j().ethGetBalance(account,
                        DefaultBlockParameter.valueOf(BigInteger.valueOf(block))).send();
                assertFalse(balance.hasError(), "block " + block + " of " + latest + ": "
                        + (balance.hasError() ? balance.getError().getMessage() : ""));
                assertEquals(new BigInteger("10000000000000000000000"), balance.getBalance());
            }
        }
    }

    @Test
    void missingBinaryIsAClearError() {
        IOException e = assertThrows(IOException.class,
                () -> Anvil.start(Path.of("/nonexistent/anvil"), List.of()));
        assertTrue(e.getMessage().contains("/nonexistent/anvil"), e.getMessage());
    }

    @Test
    void badArgumentFailsFastWithAnvilsOwnMessage() {
        IOException e = assertThrows(IOException.class,
                () -> Anvil.start(Anvil.locateBinary(), List.of("--no-such-flag")));
        assertTrue(e.getMessage().contains("no-such-flag"), e.getMessage());
    }

    private static long findPid(Anvil anvil) {
        return ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.endsWith("anvil")).orElse(false))
                .findFirst().orElseThrow().pid();
    }
}
