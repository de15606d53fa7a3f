package org.framegrid.payment.tickets.chain.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.framegrid.chain.api.ChainService;
import org.framegrid.chain.contracts.ProtocolAddresses;
import org.framegrid.chain.contracts.ProtocolDeployer;
import org.framegrid.payment.api.ticket.RedemptionException;
import org.framegrid.payment.api.ticket.RoundInfo;
import org.framegrid.payment.api.ticket.SenderState;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.payment.api.ticket.TicketRedeemer;
import org.framegrid.payment.api.ticket.WinningTicket;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * Publishes {@link TicketChain} and {@link TicketRedeemer} for the chain the node's {@link ChainService} talks to,
 * sending transactions from the account whose key is configured.
 */
@Component(service = {TicketChain.class, TicketRedeemer.class},
        configurationPid = "framegrid.payment.tickets.chain", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = BrokerComponent.Config.class)
public final class BrokerComponent implements TicketChain, TicketRedeemer {

    @ObjectClassDefinition(name = "Framegrid ticket broker client")
    public @interface Config {
        @AttributeDefinition(description = "File holding the hex private key transactions are sent from")
        String key_file();
    }

    private final ScheduledExecutorService poller;
    private final Web3j web3j;
    private final BrokerClient client;

    @Activate
    public BrokerComponent(@Reference(name = "chain") ChainService chain, Config config) throws Exception {
        Credentials credentials = Credentials.create(readKey(Path.of(config.key_file())));
        // web3j's own polling threads belong to this component and end with it.
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "framegrid-ticket-broker-poll");
            thread.setDaemon(true);
            return thread;
        });
        this.web3j = Web3j.build(new HttpService(chain.rpcUrl()), 100, poller);
        try {
            ProtocolAddresses addresses = ProtocolDeployer.lookUp(web3j, chain.controllerAddress());
            this.client = new BrokerClient(web3j, credentials, chain.chainId(), addresses, ProtocolDeployer.DEV_GAS);
        } catch (Exception e) {
            web3j.shutdown();
            throw e;
        }
    }

    private static String readKey(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("ticket broker client: cannot read key file " + file + ": "
                    + e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        web3j.shutdown();
        poller.shutdownNow();
    }

    @Override
    public RoundInfo round() {
        return client.round();
    }

    @Override
    public long ticketValidityPeriod() {
        return client.ticketValidityPeriod();
    }

    @Override
    public java.math.BigInteger gasPrice() {
        return client.gasPrice();
    }

    @Override
    public SenderState sender(String sender, String recipient) {
        return client.sender(sender, recipient);
    }

    @Override
    public String fund(String sender, java.math.BigInteger deposit, java.math.BigInteger reserve) {
        return client.fund(sender, deposit, reserve);
    }

    @Override
    public String redeem(WinningTicket ticket) throws RedemptionException {
        return client.redeem(ticket);
    }
}
