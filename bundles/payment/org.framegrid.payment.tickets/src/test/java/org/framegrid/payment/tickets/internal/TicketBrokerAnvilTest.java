package org.framegrid.payment.tickets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.framegrid.payment.api.ticket.TicketRedeemer;
import org.framegrid.payment.api.ticket.WinningTicket;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.testing.Await;
import org.framegrid.testing.Forwarding;
import org.framegrid.testing.LogLines;
import org.framegrid.testing.TcpProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.TransactionManager;

/**
 * Against a real anvil with the protocol deployed: our ticket hash (the node's only one) equals the TicketBroker's for
 * random fields and for real tickets, and winning tickets acknowledged by a receiver that then crashes are redeemed
 * after the restart: the face values move from the sender's deposit to the orchestrator's fees, which it withdraws as
 * ETH. A winner of an orchestrator that is not active yet waits without a transaction; and the accounting holds to the
 * wei through outages and kills of the redemption path.
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

    @Test
    void aWinnerOfAnOrchestratorNotYetActiveWaitsWithoutATransactionAndIsRedeemedInItsFirstActiveRound()
            throws Exception {
        try (Anvil anvil = Anvil.start()) {
            ProtocolAddresses addresses = ProtocolDeployer.deploy(anvil,
                    ProtocolParameters.defaults().withRoundLength(ROUND_LENGTH));
            Credentials deployer = anvil.accounts().get(0);
            Credentials orchestrator = anvil.accounts().get(1);
            Credentials gateway = anvil.accounts().get(2);
            // A fresh round with its block hash, long enough for what follows: the orchestrator registers in it (so
            // it is active from the next round on), and the gateway's ticket is created in it.
            nextRound(anvil, addresses, deployer);
            registerOrchestrator(anvil, addresses, deployer, orchestrator);
            try (EmbeddedChain chain = new EmbeddedChain(anvil.url(), addresses.controller(), Duration.ofMillis(5));
                    LogLines log = LogLines.operatorView(RedemptionWorker.class)) {
                TicketAccount asOrchestrator = chain.tickets(orchestrator.getEcKeyPair().getPrivateKey());
                chain.tickets(gateway.getEcKeyPair().getPrivateKey()).fund(gateway.getAddress(), ETH, ETH);
                long transactions = transactionCount(anvil, orchestrator);
                Forwarding<TicketChain> watched = Forwarding.to(TicketChain.class, asOrchestrator);
                AtomicInteger simulations = new AtomicInteger();
                TicketRedeemer redeemer = winner -> {
                    simulations.incrementAndGet();
                    return asOrchestrator.redeem(winner);
                };
                try (ReceiverNode node = new ReceiverNode(dir.resolve("winners.mv"), orchestrator.getAddress(),
                        asOrchestrator, watched.proxy(), redeemer, alwaysWinningEv(asOrchestrator)).start()) {
                    assertTrue(node.pay(gatewaySender(gateway), 1).accepted());
                    Await.until("the line saying why the winner waits", 30_000,
                            () -> !log.containing("no active stake").isEmpty(), () -> log.lines().toString());
                    int reads = watched.calls("round");
                    Await.until("the worker watching the round a while", 30_000,
                            () -> watched.calls("round") >= reads + 10);
                    assertEquals(1, simulations.get(), "not simulated again within the round: " + log.lines());
                    assertEquals(1, node.pending().size(), "kept");
                    assertEquals(transactions, transactionCount(anvil, orchestrator),
                            "nothing sent: the simulation said it would revert");

                    nextRound(anvil, addresses, deployer);
                    Await.until("redeemed in the orchestrator's first active round", 30_000,
                            () -> node.pending().isEmpty(), () -> log.lines().toString());
                    assertTrue(node.outcome(1).startsWith("redeemed 0x"), node.outcome(1));
                    assertEquals(transactions + 1, transactionCount(anvil, orchestrator), "one transaction");
                    assertEquals(1, log.containing("no active stake").size(), "one line: " + log.lines());
                    assertEquals(2, simulations.get(), "one simulation per round");
                }
            }
        }
    }

    @Test
    void depositSpentEqualsFeesCreditedPlusWinnersPendingThroughOutagesAndKillsOfTheRedemptionPath()
            throws Exception {
        try (Anvil anvil = Anvil.start(); TcpProxy link = TcpProxy.toUrl(anvil.url())) {
            ProtocolAddresses addresses = ProtocolDeployer.deploy(anvil,
                    ProtocolParameters.defaults().withRoundLength(ROUND_LENGTH));
            Credentials deployer = anvil.accounts().get(0);
            Credentials orchestrator = anvil.accounts().get(1);
            Credentials gateway = anvil.accounts().get(2);
            registerOrchestrator(anvil, addresses, deployer, orchestrator);
            nextRound(anvil, addresses, deployer);
            try (EmbeddedChain chain = new EmbeddedChain(anvil.url(), addresses.controller(), Duration.ofMillis(5));
                    EmbeddedChain viaLink = new EmbeddedChain(link.url(), addresses.controller(),
                            Duration.ofMillis(5))) {
                TicketAccount reads = chain.tickets(orchestrator.getEcKeyPair().getPrivateKey());
                // the path we break
                TicketAccount redemption = viaLink.tickets(orchestrator.getEcKeyPair().getPrivateKey());
                BigInteger funded = ETH.multiply(BigInteger.TEN);
                chain.tickets(gateway.getEcKeyPair().getPrivateKey()).fund(gateway.getAddress(), funded, ETH);
                TicketSender sender = gatewaySender(gateway);
                ReceiverNode node = new ReceiverNode(dir.resolve("winners.mv"), orchestrator.getAddress(), reads,
                        redemption, redemption, alwaysWinningEv(reads)).start();
                Ledger ledger = new Ledger(node, reads, fees(anvil, addresses, orchestrator), gateway.getAddress(),
                        orchestrator.getAddress());

                ledger.won(node.pay(sender, 2)); // 1. all well
                ledger.awaitRedeemed();

                link.cut(); // 2. an outage: winners wait; the books balance meanwhile; killed during the outage
                ledger.won(node.pay(sender, 2));
                ledger.check();
                node.kill();
                node.start();
                ledger.won(node.pay(sender, 1));
                ledger.check();
                link.restore();
                ledger.awaitRedeemed();

                // 3. a redemption is mined but its answer is lost, and the node is killed before it hears of it
                winWithTheRedemptionAnswerLost(link, ledger, node, sender, 1);
                node.kill();
                link.restore();
                node.start();
                ledger.awaitRedeemed();

                // 4. the same without the kill: the worker tries again and finds the ticket already paid
                winWithTheRedemptionAnswerLost(link, ledger, node, sender, 2);
                link.restore();
                ledger.awaitRedeemed();
                node.close();

                assertEquals(8, node.acknowledged().size(), "every ticket won");
                assertEquals(funded.add(ETH).subtract(ledger.funds()), ledger.paidOnChain(),
                        "deposit spent = what the broker paid for winning tickets");
                assertEquals(ledger.faceValues(), ledger.paidOnChain(), "every winner paid once, in full");
                assertEquals(ledger.paidOnChain(), ledger.feesCredited(), "fees credited to the orchestrator");
                assertEquals(ledger.faceValues(), ledger.recordedAsRedeemed(), "the store agrees, to the wei");
            }
        }
    }

    /** EV = twice the face value the recipient asks for now: p = 1, every ticket wins. */
    /** Pays {@code tickets} winners and returns once the answer to their redemption transaction was lost. */
    private static void winWithTheRedemptionAnswerLost(TcpProxy link, Ledger ledger, ReceiverNode node,
                                                       TicketSender sender, int tickets) throws Exception {
        link.loseReplyTo("eth_sendRawTransaction");
        ledger.won(node.pay(sender, tickets));
        Await.until("the redemption's answer lost", 30_000, link::isCut);
    }

    private static BigInteger alwaysWinningEv(TicketAccount chain) {
        return chain.gasPrice().multiply(BigInteger.valueOf(350_000 * 100L)).multiply(BigInteger.TWO);
    }

    private static TicketSender gatewaySender(Credentials gateway) {
        byte[] key = gateway.getEcKeyPair().getPrivateKey().toByteArray();
        return new TicketSender(new EthKey(Bytes.uint256(Bytes.unsigned(key)), Secp256k1Provider.best()),
                new TicketSender.Settings(ETH.multiply(BigInteger.TEN), BigInteger.ZERO));
    }

    /** The orchestrator's fees as the BondingManager credits them (its own: feeShare 0). */
    private static java.util.concurrent.Callable<BigInteger> fees(Anvil anvil, ProtocolAddresses addresses,
            Credentials orchestrator) {
        BondingManager bonding = BondingManager.load(addresses.bondingManager(), anvil.web3j(),
                manager(anvil, orchestrator), ProtocolDeployer.DEV_GAS);
        return () -> bonding.pendingFees(orchestrator.getAddress(), BigInteger.ZERO).send();
    }

    private static long transactionCount(Anvil anvil, Credentials account) throws Exception {
        return anvil.web3j().ethGetTransactionCount(account.getAddress(), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount().longValueExact();
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
