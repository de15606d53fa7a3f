package org.framegrid.chain.web3j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.framegrid.chain.contracts.ProtocolParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway operator's ticket funds through {@code framegrid chain} against a real anvil: deposit and reserve, unlock,
 * cancel, unlock again and withdraw after the unlock period; the broker's refusals as one line each.
 */
class TicketFundsCommandsTest {

    private static Fixture f;
    @TempDir
    static Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void devchain() throws Exception {
        f = new Fixture(ProtocolParameters.defaults().withRoundLength(20));
        Files.createDirectories(home.resolve("run"));
        Files.writeString(home.resolve("run/devchain.properties"),
                "rpc.url=" + f.devchain.url() + "\ncontroller.address=" + f.devchain.controller() + "\n");
        f.advanceRounds(1);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        Map<String, String> properties = Map.of("framegrid.home", home.toString());
        return new ChainCommands(properties::get, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void depositUnlockCancelAndWithdraw() throws Exception {
        String gateway = f.address(2);
        assertEquals(1, run("unlock", "--account", "2"));
        assertEquals("chain unlock: TicketBroker: sender deposit and reserve are zero\n", err());

        assertEquals(0, run("deposit", "1.5", "--reserve", "0.5", "--account", "2"), err());
        assertTrue(out().startsWith("deposited 1.500000 ETH and reserved 0.500000 ETH for " + gateway + " (tx 0x"),
                out());
        assertEquals(0, run("funds", gateway), err());
        assertTrue(out().contains("deposit        1.500000 ETH\nreserve        0.500000 ETH\nunlock         none "
                + "(an unlock takes 2 rounds)"), out());

        assertEquals(1, run("withdraw", "--account", "2"));
        assertEquals("chain withdraw: TicketBroker: no unlock request in progress\n", err());
        assertEquals(1, run("cancel-unlock", "--account", "2"));
        assertEquals("chain cancel-unlock: TicketBroker: no unlock request in progress\n", err());

        assertEquals(0, run("unlock", "--account", "2"), err());
        assertTrue(out().startsWith("unlocking: deposit and reserve can be withdrawn from round "), out());
        assertEquals(1, run("unlock", "--account", "2"));
        assertEquals("chain unlock: TicketBroker: unlock already initiated\n", err());
        assertEquals(0, run("cancel-unlock", "--account", "2"), err());
        assertTrue(out().startsWith("unlock cancelled"), out());

        assertEquals(0, run("unlock", "--account", "2"), err());
        assertEquals(1, run("withdraw", "--account", "2"));
        assertEquals("chain withdraw: TicketBroker: account is locked\n", err());
        f.advanceRounds(2);
        assertEquals(0, run("withdraw", "--account", "2"), err());
        assertTrue(out().startsWith("withdrew 1.500000 ETH of deposit and 0.500000 ETH of reserve to " + gateway),
                out());
        assertEquals(0, run("funds", "--account", "2"), err());
        assertTrue(out().contains("deposit        0.000000 ETH\nreserve        0.000000 ETH\n"), out());
    }

    @Test
    void badUsageNamesTheWrongWord() {
        assertEquals(2, run("deposit", "--account", "2"));
        assertTrue(err().startsWith("chain deposit: ETH is needed\n"), err());
        assertEquals(2, run("deposit", "lots", "--account", "2"));
        assertTrue(err().startsWith("chain deposit: "), err());
        assertTrue(err().contains("lots"), err());
        assertEquals(1, run("funds", "0xnot-an-address"));
        assertTrue(err().startsWith("chain funds: ") && err().contains("0xnot-an-address"), err());
    }
}
