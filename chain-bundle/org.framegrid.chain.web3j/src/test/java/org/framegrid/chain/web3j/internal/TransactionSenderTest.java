package org.framegrid.chain.web3j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.contracts.ProtocolParameters;
import org.framegrid.payment.api.ticket.WinningTicket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.DefaultBlockParameterNumber;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;

/**
 * One account, one nonce sequence: staking and ticket redemption from one key (the README's role file configures one
 * key for both) send concurrently through the chain client's one sender, and every transaction is mined, with
 * consecutive nonces, none lost and none replaced; a send the node refuses takes no nonce; a nonce another process
 * takes first is replaced by the next free one; a submission whose answer is lost is not sent twice.
 */
class TransactionSenderTest {

    private static final BigInteger LPT = Fixture.LPT;
    private static final BigInteger ETH = BigInteger.TEN.pow(18);
    private static final int REDEMPTIONS = 6;
    private static final int BONDS = 4;

    private static Fixture f;
    private static Web3j reader;

    @BeforeAll
    static void devchain() throws ChainException {
        f = new Fixture(ProtocolParameters.defaults().withRoundLength(20));
        f.advanceRounds(1);
        reader = Web3j.build(new HttpService(f.devchain.url()));
    }

    @AfterAll
    static void stop() {
        reader.shutdown();
        f.close();
    }

    @Test
    void stakingAndRedemptionFromOneKeyRunConcurrentlyWithConsecutiveNoncesNoneLostOrReplaced() throws Exception {
        Credentials key = f.devchain.accounts().get(1);
        ChainClient node = f.chain(1);
        Staking staking = new Staking(node);
        TicketBrokerClient redeemer = new TicketBrokerClient(node, key);
        assertSame(node.own(), node.sender(key), "the key's sender is the node's own: one per account");
        String orchestrator = staking.account();
        staking.bond(LPT.multiply(BigInteger.valueOf(1_000)), orchestrator);
        staking.registerOrchestrator(0, 0, null);
        Credentials gatewayKey = f.devchain.accounts().get(2);
        TicketBrokerClient gateway = new TicketBrokerClient(f.chain(2), gatewayKey);
        gateway.fund(gateway.account(), ETH, ETH);
        f.advanceRounds(1); // the orchestrator joins the active set
        List<WinningTicket> winners = WinningTickets.make(redeemer, gatewayKey, orchestrator,
                ETH.divide(BigInteger.valueOf(100)), REDEMPTIONS);
        BigInteger stakeBefore = staking.pendingStake(orchestrator);
        long firstBlock = node.blockNumber() + 1;
        BigInteger firstNonce = count(orchestrator);

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<String> ours = new ArrayList<>();
        try {
            Future<List<String>> redeemed = threads.submit(each(start, REDEMPTIONS,
                    i -> redeemer.redeem(winners.get(i))));
            Future<List<String>> bonded = threads.submit(each(start, BONDS,
                    i -> staking.bond(LPT, orchestrator).hash()));
            start.countDown();
            ours.addAll(redeemed.get(120, TimeUnit.SECONDS));
            ours.addAll(bonded.get(120, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
        }

        // Each bond of more LPT is an approve and a bond: every transaction the account sent since is accounted for.
        List<Transaction> sent = transactionsFrom(orchestrator, firstBlock, node.blockNumber());
        int expected = REDEMPTIONS + 2 * BONDS;
        assertEquals(expected, sent.size(), "transactions from the account, nothing lost, nothing extra");
        assertEquals(firstNonce.add(BigInteger.valueOf(expected)), count(orchestrator));
        Set<String> mined = new HashSet<>();
        for (int i = 0; i < sent.size(); i++) {
            Transaction tx = sent.get(i);
            assertEquals(firstNonce.add(BigInteger.valueOf(i)), tx.getNonce(), "consecutive nonces in block order");
            assertTrue(reader.ethGetTransactionReceipt(tx.getHash()).send().getTransactionReceipt().orElseThrow()
                    .isStatusOK(), "transaction " + tx.getHash() + " succeeded");
            mined.add(tx.getHash());
        }
        assertEquals(0, node.own().noncesTaken(), "in turn: no send of the account ever picked a taken nonce");
        assertEquals(REDEMPTIONS + BONDS, new HashSet<>(ours).size());
        assertTrue(mined.containsAll(ours), "every transaction we were told about was mined, none replaced");
        assertEquals(REDEMPTIONS, redeemer.redeemed(orchestrator).tickets(), "every ticket redeemed");
        assertEquals(stakeBefore.add(LPT.multiply(BigInteger.valueOf(BONDS))), staking.pendingStake(orchestrator),
                "every bond counted");
    }

    @Test
    void aRefusedSendTakesNoNonceATakenNonceIsRetriedAndALostAnswerIsNotSentTwice() throws Exception {
        Credentials key = f.devchain.accounts().get(3);
        String account = key.getAddress().toLowerCase();
        InterferingService service = new InterferingService(f.devchain.url());
        try (ChainClient node = ChainClient.connect(service, f.devchain.url(), f.devchain.controller(), Account.of(key),
                Duration.ofMillis(5), null)) {
            String token = node.addresses().token();
            Address bondingManager = new Address(node.addresses().bondingManager());
            BigInteger start = count(account);

            // Refused at the simulation (nothing to rebond): no nonce is taken.
            ChainException refused = assertThrows(ChainException.class,
                    () -> node.send("rebond", node.addresses().bondingManager(), "rebond", new Uint256(99)));
            assertTrue(refused.reverted(), refused.getMessage());
            assertEquals(start, count(account), "a refused send takes no nonce");

            // Another process sends from the same key just before our transaction arrives: its nonce is taken.
            RawTransactionManager elsewhere = new RawTransactionManager(reader, key, 31337);
            List<String> outside = new ArrayList<>();
            service.beforeNextRawSend(() -> outside.add(elsewhere.sendTransaction(reader.ethGasPrice().send()
                    .getGasPrice(), BigInteger.valueOf(21_000), account, "", BigInteger.ZERO).getTransactionHash()));
            String approved = node.send("approve", token, "approve", bondingManager, new Uint256(5)).result().hash();
            assertEquals(1, outside.size(), "the other process sent first");
            assertEquals(start, nonceOf(outside.get(0)));
            assertEquals(start.add(BigInteger.ONE), nonceOf(approved), "ours took the next free nonce");
            assertEquals(1, node.own().noncesTaken());
            assertEquals(BigInteger.valueOf(5), allowance(node, account));

            // The node takes our transaction but its answer is lost: found by its hash, not sent again.
            service.loseNextRawAnswer();
            String again = node.send("approve", token, "approve", bondingManager, new Uint256(7)).result().hash();
            assertEquals(start.add(BigInteger.TWO), nonceOf(again));
            assertEquals(start.add(BigInteger.valueOf(3)), count(account), "three transactions in all, none twice");
            assertEquals(BigInteger.valueOf(7), allowance(node, account));
            // The lost answer is the client's one transport error.
            assertEquals(1L, node.rpcErrors().get("eth_sendRawTransaction " + RpcErrors.TRANSPORT),
                    node.rpcErrors().toString());
        }
    }

    interface Step {
        String run(int index) throws Exception;
    }

    /** Runs {@code step} {@code times} times, in order, once {@code start} opens. */
    private static Callable<List<String>> each(CountDownLatch start, int times, Step step) {
        return () -> {
            start.await();
            List<String> hashes = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                hashes.add(step.run(i));
            }
            return hashes;
        };
    }

    private static BigInteger count(String account) throws Exception {
        return reader.ethGetTransactionCount(account, DefaultBlockParameterName.PENDING).send().getTransactionCount();
    }

    private static BigInteger nonceOf(String hash) throws Exception {
        return reader.ethGetTransactionByHash(hash).send().getTransaction().orElseThrow().getNonce();
    }

    private static BigInteger allowance(ChainClient node, String owner) throws ChainException {
        return node.callUint(node.addresses().token(), "allowance", new Address(owner),
                new Address(node.addresses().bondingManager()));
    }

    /** @return every transaction {@code account} sent in blocks {@code from..to}, in block order */
    private static List<Transaction> transactionsFrom(String account, long from, long to) throws Exception {
        List<Transaction> sent = new ArrayList<>();
        for (long block = from; block <= to; block++) {
            EthBlock.Block b = reader.ethGetBlockByNumber(new DefaultBlockParameterNumber(block), true).send()
                    .getBlock();
            for (EthBlock.TransactionResult<?> result : b.getTransactions()) {
                Transaction tx = (Transaction) result.get();
                if (tx.getFrom().equalsIgnoreCase(account)) {
                    sent.add(tx);
                }
            }
        }
        return sent;
    }
}
