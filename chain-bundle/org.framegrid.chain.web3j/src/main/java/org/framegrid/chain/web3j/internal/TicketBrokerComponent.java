package org.framegrid.chain.web3j.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.payment.api.ticket.TicketRedeemer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.web3j.crypto.Credentials;

/**
 * Publishes {@link TicketChain} and {@link TicketRedeemer} for the node's chain: the {@link TicketBrokerClient} of the
 * configured account. Transactions go through the chain client's one sender of the account: the node's own, or the
 * one whose key {@code key.file} holds. A key that is the node's own gets the node's sender, so staking, rounds and
 * redemption never race for a nonce.
 */
@Component(name = "org.framegrid.chain.tickets", service = {TicketChain.class, TicketRedeemer.class},
        configurationPid = TicketBrokerComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TicketBrokerComponent.Config.class)
public final class TicketBrokerComponent extends TicketBrokerClient {

    static final String PID = "framegrid.payment.tickets.chain";

    @ObjectClassDefinition(name = "Framegrid ticket broker client")
    public @interface Config {
        @AttributeDefinition(description = "File holding the hex private key transactions are sent from; empty: the "
                + "node's own chain account (org.framegrid.chain keystore.file, or the devchain's)")
        String key_file() default "";
    }

    @Activate
    public TicketBrokerComponent(@Reference(name = "chain") ChainClient chain, Config config) {
        super(chain, sender(chain, config));
    }

    private static TransactionSender sender(ChainClient chain, Config config) {
        if (config.key_file().isBlank()) {
            if (chain.own() == null) {
                throw new IllegalArgumentException("configuration " + PID + ": key.file is needed (the chain "
                        + "connection has no account of its own)");
            }
            return chain.own();
        }
        return chain.sender(readKey(Path.of(config.key_file())));
    }

    private static Credentials readKey(Path file) {
        String hex;
        try {
            hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("configuration " + PID + ": cannot read key.file " + file + ": "
                    + e.getMessage());
        }
        if (!hex.matches("(0x)?[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("configuration " + PID + ": key.file " + file
                    + " does not hold a private key (64 hex digits)");
        }
        return Credentials.create(hex);
    }
}
