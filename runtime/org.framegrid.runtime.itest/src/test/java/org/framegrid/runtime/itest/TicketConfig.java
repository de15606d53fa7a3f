package org.framegrid.runtime.itest;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.framegrid.payment.api.Price;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The ticket provider's configurations of a node under test: a sender with anvil's well-known account 0 and a
 * receiver whose tickets all win (the face value is the EV), with their files in a test's work folder.
 */
final class TicketConfig {

    static final String SENDER_PID = "framegrid.payment.tickets.sender";
    static final String RECEIVER_PID = "framegrid.payment.tickets.receiver";
    /** The test sender's key (anvil's well-known account 0) and a recipient address for this node. */
    static final String SENDER_KEY = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    static final String RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    /** Expected value per ticket above the redemption gas cost: the face value is the EV, so every ticket wins. */
    static final String TICKET_EV = "1000000000000000";
    static final Price PRICE = new Price(BigInteger.valueOf(1_000_000_000_000L), 1);
    static final BigInteger ETH = new BigInteger("1000000000000000000");

    private TicketConfig() {
    }

    /** Configures the sender and the receiver (retrying redemptions after 50 ms, at most 200 ms apart). */
    static void apply(ConfigurationAdmin configurations, Path work) throws Exception {
        Path keyFile = work.resolve("sender.key");
        Files.writeString(keyFile, SENDER_KEY);
        configure(configurations, RECEIVER_PID, Map.of("recipient.address", RECIPIENT,
                "store.file", work.resolve("winning-tickets.mv").toString(), "ticket.ev", TICKET_EV,
                "face.value.multiplier", 1L, "redeem.retry.ms", 50L, "redeem.retry.max.ms", 200L));
        configure(configurations, SENDER_PID, Map.of("key.file", keyFile.toString()));
    }

    /** Deletes both configurations again. */
    static void remove(ConfigurationAdmin configurations) throws Exception {
        configurations.getConfiguration(RECEIVER_PID, "?").delete();
        configurations.getConfiguration(SENDER_PID, "?").delete();
    }

    /** Creates or updates the configuration {@code pid} (any bundle may use it). */
    static void configure(ConfigurationAdmin configurations, String pid, Map<String, Object> values)
            throws Exception {
        Dictionary<String, Object> properties = new Hashtable<>(values);
        configurations.getConfiguration(pid, "?").update(properties);
    }
}
