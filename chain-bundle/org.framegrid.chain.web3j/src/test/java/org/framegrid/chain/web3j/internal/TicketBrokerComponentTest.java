package org.framegrid.chain.web3j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.framegrid.chain.contracts.ProtocolParameters;
import org.framegrid.testing.Configs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ticket broker service acts for the account it is configured for, through the chain client's one sender of that
 * account: the node's own when {@code key.file} is empty, the key file's otherwise; a read-only chain connection
 * without a key file is refused with one line.
 */
class TicketBrokerComponentTest {
    private static Fixture f;

    @BeforeAll
    static void devchain() throws Exception {
        f = new Fixture(ProtocolParameters.defaults());
    }

    @AfterAll
    static void close() {
        f.close();
    }

    @Test
    void withoutAKeyFileItActsForTheNodesOwnAccount() throws Exception {
        ChainClient node = f.chain(1);
        TicketBrokerComponent tickets = new TicketBrokerComponent(node,
                Configs.of(TicketBrokerComponent.Config.class, Map.of()));
        assertEquals(node.account(), tickets.account());
    }

    @Test
    void aKeyFileNamesTheAccount(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("key"),
                f.devchain.accounts().get(2).getEcKeyPair().getPrivateKey().toString(16) + "\n");
        TicketBrokerComponent tickets = new TicketBrokerComponent(f.chain(1),
                Configs.of(TicketBrokerComponent.Config.class, Map.of("key_file", key.toString())));
        assertEquals(f.address(2).toLowerCase(Locale.ROOT), tickets.account());
    }

    @Test
    void aReadOnlyConnectionNeedsAKeyFile() throws Exception {
        try (ChainClient readOnly = ChainClient.connect(f.devchain.url(), f.devchain.controller(),
                Duration.ofMillis(5))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TicketBrokerComponent(
                    readOnly, Configs.of(TicketBrokerComponent.Config.class, Map.of())));
            assertEquals("configuration framegrid.payment.tickets.chain: key.file is needed (the chain connection has "
                    + "no account of its own)", e.getMessage());
        }
    }
}
