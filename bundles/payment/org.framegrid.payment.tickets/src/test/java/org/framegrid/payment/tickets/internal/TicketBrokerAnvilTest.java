package org.framegrid.payment.tickets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.framegrid.chain.contracts.Anvil;
import org.framegrid.chain.contracts.ProtocolAddresses;
import org.framegrid.chain.contracts.ProtocolDeployer;
import org.framegrid.chain.contracts.ProtocolParameters;
import org.framegrid.chain.contracts.generated.BondingManager;
import org.framegrid.chain.contracts.generated.LivepeerToken;
import org.framegrid.chain.contracts.generated.RoundsManager;
import org.framegrid.chain.web3j.embedded.EmbeddedChain;
import org.framegrid.chain.web3j.embedded.TicketAccount;
import org.framegrid.payment.api.PaymentTerms;
import org.framegrid.payment.api.Price;
import org.framegrid.payment.api.Receipt;
import org.framegrid.payment.api.ticket.SenderState;
import org.framegrid.payment.api.ticket.Ticket;
import org.framegrid.payment.api.ticket.WinningTicket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.TransactionManager;

/**
 * Against a real anvil with the protocol deployed: our ticket hash (the node's only one) equals the TicketBroker's for
 * random fields and for real tickets, and winning tickets acknowledged by a receiver that then crashes are redeemed
 * after the restart: the face values move from the sender's deposit to the orchestrator's fees, which it withdraws as
 * ETH.
 */
class TicketBrokerAnvilTest {
    static final BigInteger ETH = BigInteger.TEN.pow(18);
    static final long ROUND_LENGTH = 20;

    @TempDir
    Path dir;

    @Test
    void winningTicketsAcknowledgedBeforeACrashAreRedeemedOnChainAfterRestart() throws Exception {
        try (Anvil anvil = Anvil.start()) {
            ProtocolAddresses addresses = ProtocolDeployer.deploy(anvil,
                    ProtocolParameters.defaults().withRoundLength(ROUND_LENGTH));
            EmbeddedChain chain = new EmbeddedChain(anvil.url(), addresses.controller(), Duration.ofMillis(5));
            Credentials deployer = anvil.accounts().get(0);
            Credentials orchestrator = anvil.accounts().get(1);
            Credentials gateway = anvil.accounts().get(2);
            registerOrchestrator(anvil, addresses, deployer, orchestrator);
            nextRound(anvil, addresses, deployer);

            TicketAccount asOrchestrator = chain.tickets(orchestrator.getEcKeyPair().getPrivateKey());
            TicketAccount asGateway = chain.tickets(gateway.getEcKeyPair().getPrivateKey());
            asGateway.fund(gateway.getAddress(), ETH, ETH);
            SenderState funded = asOrchestrator.sender(gateway.getAddress(), orchestrator.getAddress());
            assertEquals(ETH, funded.deposit());

            Secp256k1 ec = Secp256k1Provider.best();
            byte[] gatewayKey = gateway.getEcKeyPair().getPrivateKey().toByteArray();
            TicketSender sender = new TicketSender(new EthKey(Bytes.uint256(Bytes.unsigned(gatewayKey)), ec),
                    new TicketSender.Settings(ETH, BigInteger.ZERO));
            assertEquals(gateway.getAddress().toLowerCase(), sender.address());

            // EV = face value: every ticket wins, so two tickets give two winners to redeem.
            BigInteger faceValue = asOrchestrator.gasPrice().multiply(BigInteger.valueOf(350_000 * 100L));
            WinningTicketStore store = WinningTicketStore.open(dir.resolve("winners.mv"));
            TicketRecipient recipient = new TicketRecipient(orchestrator.getAddress(), asOrchestrator, store,
                    ec, new TicketRecipient.Settings(faceValue, 100, 350_000, 40, 0), id -> { });
            PaymentTerms terms = new PaymentTerms(TicketCodec.SCHEME,
                    TicketCodec.encodeTerms(recipient.params(sender.address())));
            TicketParams params = TicketCodec.decodeTerms(terms.data());
            assertEquals(Bytes.MAX_UINT256, params.winProb());
            Receipt receipt = recipient.receive("session", sender.pay(orchestrator.getAddress(), terms,
                    new Price(params.expectedValue(), 1), 2).data());
            assertTrue(receipt.accepted(), receipt.toString());
            Map<Long, WinningTicket> winners = store.pending();
            assertEquals(2, winners.size());
            for (WinningTicket winner : winners.values()) {
                assertEquals(Bytes.hex(TicketRules.hash(winner.ticket())),
                        Bytes.hex(asOrchestrator.ticketHash(winner.ticket())), "Java ticket hash = contract's");
            }
            store.closeAbruptly(); // the node dies right after acknowledging

            // As in Livepeer, the Minter holds the ETH of deposits, reserves and fees; redemption moves the amount
            // from the sender's deposit to the orchestrator's fees, and withdrawFees pays it out of the Minter.
            BigInteger minterBefore = ethBalance(anvil, addresses.minter());
            BondingManager bonding = BondingManager.load(addresses.bondingManager(), anvil.web3j(),
                    manager(anvil, orchestrator), ProtocolDeployer.DEV_GAS);
            BigInteger feesBefore = bonding.pendingFees(orchestrator.getAddress(), BigInteger.ZERO).send();

            try (WinningTicketStore reopened = WinningTicketStore.open(dir.resolve("winners.mv"));
                    RedemptionWorker worker = new RedemptionWorker(reopened, () -> asOrchestrator, asOrchestrator,
                            new RedemptionWorker.Settings(50, 1_000, 350_000), (s, v) -> { })) {
                assertEquals(winners.keySet(), reopened.pending().keySet());
                worker.recover();
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (!reopened.pending().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                for (long id : winners.keySet()) {
                    assertTrue(String.valueOf(reopened.outcome(id)).startsWith("redeemed 0x"),
                            "winner " + id + ": " + reopened.outcome(id));
                }
            }
            BigInteger paid = params.faceValue().multiply(BigInteger.TWO);
            assertEquals(ETH.subtract(paid), asOrchestrator.sender(gateway.getAddress(), orchestrator.getAddress())
                    .deposit(), "face values paid from the deposit");
            BigInteger fees = bonding.pendingFees(orchestrator.getAddress(), BigInteger.ZERO).send();
            assertEquals(feesBefore.add(paid), fees, "fees credited to the orchestrator (feeShare 0: all its own)");

            BigInteger walletBefore = ethBalance(anvil, orchestrator.getAddress());
            var withdrawal = bonding.withdrawFees(orchestrator.getAddress(), fees).send();
            BigInteger gas = withdrawal.getGasUsed().multiply(Bytes.unsigned(
                    Bytes.unhex(withdrawal.getEffectiveGasPrice())));
            assertEquals(walletBefore.add(fees).subtract(gas), ethBalance(anvil, orchestrator.getAddress()),
                    "the orchestrator withdrew its fees in ETH");
            assertEquals(minterBefore.subtract(fees), ethBalance(anvil, addresses.minter()), "paid out of the Minter");
            chain.close();
        }
    }

    @Test
    void javaTicketHashEqualsTheContractsForRandomFields() throws Exception {
        try (Anvil anvil = Anvil.start()) {
            ProtocolAddresses addresses = ProtocolDeployer.deploy(anvil,
                    ProtocolParameters.defaults().withRoundLength(ROUND_LENGTH));
            try (EmbeddedChain chain = new EmbeddedChain(anvil.url(), addresses.controller(), Duration.ofMillis(5))) {
                TicketAccount broker = chain.tickets(anvil.accounts().get(0).getEcKeyPair().getPrivateKey());
                Random random = new Random(42);
                for (int i = 0; i < 20; i++) {
                    byte[] recipient = new byte[20];
                    byte[] sender = new byte[20];
                    byte[] randHash = new byte[32];
                    byte[] blockHash = new byte[32];
                    random.nextBytes(recipient);
                    random.nextBytes(sender);
                    random.nextBytes(randHash);
                    random.nextBytes(blockHash);
                    Ticket ticket = new Ticket(Bytes.hex(recipient), Bytes.hex(sender),
                            new BigInteger(random.nextInt(256) + 1, random), new BigInteger(256, random),
                            new BigInteger(256, random), randHash, random.nextLong() & Long.MAX_VALUE, blockHash);
                    assertEquals(Bytes.hex(broker.ticketHash(ticket)), Bytes.hex(TicketRules.hash(ticket)),
                            "ticket " + i);
                }
            }
        }
    }

    private static TransactionManager manager(Anvil anvil, Credentials credentials) {
        return ProtocolDeployer.transactionManager(anvil.web3j(), credentials, anvil.chainId());
    }

    private static BigInteger ethBalance(Anvil anvil, String address) throws Exception {
        return anvil.web3j().ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
    }

    /** Bonds LPT to itself and registers as an orchestrator that keeps all fees (feeShare 0). */
    private static void registerOrchestrator(Anvil anvil, ProtocolAddresses addresses, Credentials deployer,
            Credentials orchestrator) throws Exception {
        BigInteger stake = ETH.multiply(BigInteger.valueOf(1000));
        LivepeerToken.load(addresses.livepeerToken(), anvil.web3j(), manager(anvil, deployer),
                ProtocolDeployer.DEV_GAS).transfer(orchestrator.getAddress(), stake).send();
        TransactionManager asOrchestrator = manager(anvil, orchestrator);
        LivepeerToken.load(addresses.livepeerToken(), anvil.web3j(), asOrchestrator, ProtocolDeployer.DEV_GAS)
                .approve(addresses.bondingManager(), stake).send();
        BondingManager bonding = BondingManager.load(addresses.bondingManager(), anvil.web3j(), asOrchestrator,
                ProtocolDeployer.DEV_GAS);
        bonding.bond(stake, orchestrator.getAddress()).send();
        bonding.transcoder(BigInteger.ZERO, BigInteger.ZERO).send();
    }

    private static void nextRound(Anvil anvil, ProtocolAddresses addresses, Credentials deployer) throws Exception {
        long next = anvil.blockNumber() + 1;
        long target = (next / ROUND_LENGTH + 1) * ROUND_LENGTH;
        anvil.mine(target - next);
        RoundsManager.load(addresses.roundsManager(), anvil.web3j(), manager(anvil, deployer),
                ProtocolDeployer.DEV_GAS).initializeRound().send();
    }
}
