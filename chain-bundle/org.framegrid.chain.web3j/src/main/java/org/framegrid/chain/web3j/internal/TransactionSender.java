package org.framegrid.chain.web3j.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.TxResult;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.utils.Numeric;

/**
 * The one place the transactions of one account are sent from. Staking, the round keeper and ticket redemption all
 * send through the sender of their account ({@link ChainClient#sender} hands out one per address), so a key
 * configured for several jobs still has one nonce sequence.
 *
 * <p>One transaction at a time, start to finish: simulate it ({@code eth_estimateGas}, where a revert shows with its
 * reason), take the next nonce, sign and submit, wait for the receipt; only then does the next caller get a nonce. A
 * transaction the node refuses takes no nonce. The next nonce is the larger of the one after our last and the node's
 * pending count, so transactions sent from the same key elsewhere (the {@code chain} tool in another process) move it
 * on. When the node answers that the nonce is taken ("nonce too low", "replacement transaction underpriced"), the
 * same call is signed again with the next free nonce: never dropped, never replaced. Before anything is sent again,
 * a submission whose answer was lost, or that the node says it already knows, is looked up by its hash, so it is not
 * sent twice. Thread-safe; callers wait their turn in arrival order.
 */
final class TransactionSender {

    /** Fresh nonces tried when the node keeps saying the nonce is taken (another sender racing on the same key). */
    private static final int SUBMIT_ATTEMPTS = 4;

    private final ChainNode node;
    private final Account account;
    private final System.Logger log = System.getLogger(TransactionSender.class.getName());
    private final ReentrantLock turn = new ReentrantLock(true);
    /** The nonce after our last accepted transaction; guarded by {@link #turn}. */
    private BigInteger next = BigInteger.ZERO;
    /** Nonces we picked that something else had taken; guarded by {@link #turn}. */
    private int noncesTaken;

    TransactionSender(ChainNode node, Account account) {
        this.node = node;
        this.account = account;
    }

    /** @return the address this sender signs for, lower-case hex */
    String account() {
        return account.address();
    }

    /** @return the account's key, or {@code null} for an account the node holds (never logged) */
    org.web3j.crypto.Credentials key() {
        return account.key();
    }

    /** @return how many nonces this sender picked that another sender of the key had taken first */
    int noncesTaken() {
        turn.lock();
        try {
            return noncesTaken;
        } finally {
            turn.unlock();
        }
    }

    /** A mined transaction and its receipt (for its events). */
    record Sent(TxResult result, TransactionReceipt receipt) {
    }

    /**
     * Sends {@code function(inputs)} to {@code contract} and waits for it to be mined.
     *
     * @param operation named in errors, e.g. {@code "bond"}
     * @throws ChainException with the revert reason when the contract refuses it
     */
    Sent send(String operation, String contract, String function, Type... inputs) throws ChainException {
        return send(operation, contract, FunctionEncoder.encode(new Function(function, List.of(inputs), List.of())),
                BigInteger.ZERO);
    }

    /** Sends ABI-encoded {@code data} with {@code value} wei to {@code contract} and waits for it to be mined. */
    Sent send(String operation, String contract, String data, BigInteger value) throws ChainException {
        try {
            turn.lockInterruptibly(); // a component stopping its thread must not wait for another's receipt
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainException(operation, "interrupted while waiting for account " + account() + "'s turn",
                    false);
        }
        try {
            BigInteger gasLimit = estimate(operation, contract, data, value);
            BigInteger gasPrice = node.web3j().ethGasPrice().send().getGasPrice();
            String hash = submit(operation, contract, data, value, gasPrice, gasLimit);
            TransactionReceipt receipt = node.receipts().waitForTransactionReceipt(hash);
            if (!receipt.isStatusOK()) {
                throw new ChainException(operation, revertedInBlock(receipt, contract, data, value), true);
            }
            return new Sent(new TxResult(receipt.getTransactionHash(), receipt.getBlockNumber().longValueExact(),
                    receipt.getGasUsed().longValueExact()), receipt);
        } catch (IOException | TransactionException e) {
            throw node.failure(operation, e);
        } finally {
            turn.unlock();
        }
    }

    /** The simulation: a revert surfaces here with its reason, before any nonce is taken. */
    private BigInteger estimate(String operation, String contract, String data, BigInteger value)
            throws IOException, ChainException {
        EthEstimateGas estimate = node.web3j().ethEstimateGas(Transaction.createFunctionCallTransaction(account(), null, null,
                null, contract, value, data)).send();
        if (estimate.hasError()) {
            throw refused(operation, estimate.getError());
        }
        // A margin over the estimate: state can change between the estimate and the block.
        return estimate.getAmountUsed().multiply(BigInteger.valueOf(6)).divide(BigInteger.valueOf(5))
                .add(BigInteger.valueOf(10_000));
    }

    /** @return the hash of the accepted transaction; the nonce it took is ours from then on */
    private String submit(String operation, String contract, String data, BigInteger value, BigInteger gasPrice,
            BigInteger gasLimit) throws IOException, ChainException {
        BigInteger nonce = next.max(pendingCount());
        String taken = null;
        for (int attempt = 0; attempt < SUBMIT_ATTEMPTS; attempt++) {
            Submission submission = sign(nonce, gasPrice, gasLimit, contract, value, data);
            EthSendTransaction answer;
            try {
                answer = submission.send();
            } catch (IOException lost) {
                if (submission.knownTo(node.web3j())) {
                    return accepted(nonce, submission.hash()); // it arrived; only the answer did not
                }
                throw lost; // the nonce stays free: the next send reads the node's count again
            }
            if (!answer.hasError()) {
                return accepted(nonce, answer.getTransactionHash());
            }
            if (submission.knownTo(node.web3j())) {
                return accepted(nonce, submission.hash()); // "already known": this very transaction, sent before
            }
            if (!nonceTaken(answer.getError())) {
                throw refused(operation, answer.getError()); // refused as it is: no nonce taken
            }
            taken = answer.getError().getMessage();
            noncesTaken++;
            BigInteger free = pendingCount().max(nonce.add(BigInteger.ONE));
            // Within this node every send of the account passes here in turn: a taken nonce means another sender of
            // the same key, which the operator should know about.
            log.log(System.Logger.Level.WARNING, "account " + account() + ": nonce " + nonce + " was taken by another "
                    + "sender of the same key (" + taken + "); sending " + operation + " with nonce " + free);
            nonce = free;
        }
        throw new ChainException(operation, "the node refused " + SUBMIT_ATTEMPTS + " nonces in a row for account "
                + account() + " (another sender uses its key?): " + taken, false);
    }

    private String accepted(BigInteger nonce, String hash) {
        next = nonce.add(BigInteger.ONE);
        return hash;
    }

    /** @return the node's count of this account's transactions, pending ones included */
    private BigInteger pendingCount() throws IOException {
        return node.web3j().ethGetTransactionCount(account(), DefaultBlockParameterName.PENDING).send().getTransactionCount();
    }

    private static boolean nonceTaken(Response.Error error) {
        String message = error.getMessage() == null ? "" : error.getMessage().toLowerCase(Locale.ROOT);
        return message.contains("nonce too low") || message.contains("replacement transaction underpriced")
                || message.contains("already known") || message.contains("already imported");
    }

    /** One signed (or node-signed) transaction, ready to submit. */
    /**
     * One signed (or node-signed) transaction, sent again as often as needed.
     *
     * @param hash the hash when we know it before the node answers (we signed), else {@code null}
     */
    private record Submission(Send sender, String hash) {

        /** A send to the node. */
        @FunctionalInterface
        interface Send {
            EthSendTransaction send() throws IOException;
        }

        EthSendTransaction send() throws IOException {
            return sender.send();
        }

        boolean knownTo(Web3j web3j) throws IOException {
            return hash != null && web3j.ethGetTransactionByHash(hash).send().getTransaction().isPresent();
        }
    }

    private Submission sign(BigInteger nonce, BigInteger gasPrice, BigInteger gasLimit, String to, BigInteger value,
            String data) {
        if (account.key() == null) {
            // The node signs its own account; the nonce is still ours to give.
            Transaction tx = Transaction.createFunctionCallTransaction(account(), nonce, gasPrice, gasLimit, to, value,
                    data);
            return new Submission(() -> node.web3j().ethSendTransaction(tx).send(), null);
        }
        RawTransaction raw = RawTransaction.createTransaction(nonce, gasPrice, gasLimit, to, value, data);
        String signed = Numeric.toHexString(TransactionEncoder.signMessage(raw, node.chainId(), account.key()));
        String hash = Hash.sha3(signed);
        return new Submission(() -> node.web3j().ethSendRawTransaction(signed).send(), hash);
    }

    /**
     * The node refused a transaction: a contract revert (JSON-RPC error 3, or revert data) becomes its reason; anything
     * else (no ETH for gas, a nonce problem) is the node's own message, with the account where it helps.
     */
    private ChainException refused(String operation, Response.Error error) {
        boolean revert = error.getCode() == 3 || error.getData() != null && error.getData().startsWith("0x")
                || error.getMessage() != null && error.getMessage().startsWith("execution reverted");
        if (revert) {
            return new ChainException(operation, node.reverts().reason(error.getData(), error.getMessage()), true);
        }
        String message = error.getMessage() == null ? "error " + error.getCode() : error.getMessage();
        if (message.toLowerCase(Locale.ROOT).contains("insufficient funds")) {
            return new ChainException(operation, "account " + account() + " has too little ETH to pay for gas ("
                    + message + ")", false);
        }
        return new ChainException(operation, "the node refused the transaction: " + message, false);
    }

    /** A transaction that passed its estimate but failed when mined: replay it for the reason. */
    private String revertedInBlock(TransactionReceipt receipt, String contract, String data, BigInteger value)
            throws IOException {
        if (receipt.getRevertReason() != null && !receipt.getRevertReason().isBlank()) {
            return node.reverts().reason(null, receipt.getRevertReason());
        }
        EthCall replay = node.web3j().ethCall(Transaction.createFunctionCallTransaction(account(), null, null, null, contract,
                value, data), DefaultBlockParameterName.LATEST).send();
        String why = replay.hasError() ? node.reverts().reason(replay.getError().getData(), replay.getError().getMessage())
                : "reverted when mined (state changed after the gas estimate)";
        return why + " (transaction " + receipt.getTransactionHash() + ")";
    }
}
