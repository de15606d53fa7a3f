package org.framegrid.chain.web3j.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.TxResult;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ClientTransactionManager;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * One connection to a chain where the protocol is deployed, acting for one account (or none: read-only). Calls are
 * plain ABI calls by the real Livepeer signatures, so the same code talks to our contracts and to the real ones.
 * Transactions are sent one at a time (one nonce sequence per account), each after a gas estimate, which is also
 * where most reverts surface with their reason. Owns its client threads; {@link #close()} releases them and whatever
 * was handed over at connect (the devchain's anvil).
 */
public final class Chain implements AutoCloseable {

    static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    private final String url;
    private final Web3j web3j;
    private final HttpService service;
    private final long chainId;
    private final String from;
    private final TransactionManager transactions;
    private final PollingTransactionReceiptProcessor receipts;
    private final Addresses addresses;
    private final Reverts reverts;
    private final AutoCloseable owned;
    private final Object sending = new Object();

    private Chain(String url, Web3j web3j, HttpService service, long chainId, Account account,
            Addresses addresses, Duration receiptPoll, AutoCloseable owned) {
        this.url = url;
        this.web3j = web3j;
        this.service = service;
        this.chainId = chainId;
        this.addresses = addresses;
        this.owned = owned;
        this.reverts = Reverts.load(Chain.class.getClassLoader());
        // Receipts are polled for up to 10 minutes: long enough for a congested public chain, and a local node
        // answers on the first or second poll.
        long attempts = Math.max(1, Duration.ofMinutes(10).toMillis() / Math.max(1, receiptPoll.toMillis()));
        this.receipts = new PollingTransactionReceiptProcessor(web3j,
                receiptPoll.toMillis(), (int) Math.min(attempts, Integer.MAX_VALUE));
        if (account == null) {
            this.from = null;
            this.transactions = null;
        } else if (account.credentials() != null) {
            this.from = account.credentials().getAddress();
            this.transactions = new RawTransactionManager(web3j, account.credentials(), chainId, receipts);
        } else {
            // A development node's own unlocked account: it signs, we never see a key.
            this.from = account.unlockedAddress().toLowerCase(Locale.ROOT);
            this.transactions = new ClientTransactionManager(web3j, from, receipts);
        }
    }

    /**
     * Who signs: a key of ours, or an account the node itself holds unlocked (anvil's dev accounts).
     *
     * @param credentials     the key, or {@code null}
     * @param unlockedAddress the node-held account when {@code credentials} is {@code null}
     */
    record Account(Credentials credentials, String unlockedAddress) {

        static Account of(Credentials credentials) {
            return new Account(credentials, null);
        }

        static Account unlocked(String address) {
            return new Account(null, address);
        }

        /** Never the key: records print their components. */
        @Override
        public String toString() {
            return "Account[" + (credentials != null ? credentials.getAddress() : unlockedAddress) + "]";
        }
    }

    /**
     * Connects to {@code url} and finds the contracts through the Controller at {@code controller}.
     *
     * @param account     the account to sign for, or {@code null} for read-only use
     * @param owned       closed with this chain (e.g. the devchain's anvil), or {@code null}
     */
    static Chain connect(String url, String controller, Account account, Duration receiptPoll,
            AutoCloseable owned) throws ChainException {
        if (!WalletUtils.isValidAddress(controller)) {
            throw new ChainException("connect", "'" + controller + "' is not an address (expected 0x and 40 hex digits)", false);
        }
        HttpService service = new HttpService(url);
        ScheduledExecutorService polling = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "framegrid-chain-poll");
            t.setDaemon(true);
            return t;
        });
        Web3j web3j = Web3j.build(service, receiptPoll.toMillis(), polling);
        try {
            long chainId;
            try {
                chainId = web3j.ethChainId().send().getChainId().longValueExact();
            } catch (IOException | RuntimeException e) {
                throw new ChainException("connect", "no Ethereum JSON-RPC node answers at " + url + " (" + e.getMessage() + ")", false, e);
            }
            Addresses addresses = resolve(web3j, controller);
            return new Chain(url, web3j, service, chainId, account, addresses, receiptPoll, owned);
        } catch (ChainException | RuntimeException e) {
            web3j.shutdown();
            throw e;
        }
    }

    private static Addresses resolve(Web3j web3j, String controller) throws ChainException {
        try {
            String code = web3j.ethGetCode(controller, DefaultBlockParameterName.LATEST).send().getCode();
            if (code == null || code.equals("0x")) {
                throw new ChainException("connect", "no contract at the Controller address " + controller, false);
            }
            return new Addresses(controller, lookup(web3j, controller, "LivepeerToken"),
                    lookup(web3j, controller, "BondingManager"), lookup(web3j, controller, "RoundsManager"),
                    lookup(web3j, controller, "Minter"), lookup(web3j, controller, "TicketBroker"),
                    lookup(web3j, controller, "ServiceRegistry"));
        } catch (IOException e) {
            throw new ChainException("connect", "reading the Controller at " + controller + " failed: " + e.getMessage(), false, e);
        }
    }

    private static String lookup(Web3j web3j, String controller, String name) throws IOException, ChainException {
        byte[] id = Hash.sha3(name.getBytes(StandardCharsets.UTF_8));
        Function getContract = new Function("getContract", List.of(new Bytes32(id)), List.of(new TypeReference<Address>() {
        }));
        EthCall result = web3j.ethCall(Transaction.createEthCallTransaction(ZERO_ADDRESS, controller,
                FunctionEncoder.encode(getContract)), DefaultBlockParameterName.LATEST).send();
        List<Type> out = FunctionReturnDecoder.decode(result.getValue(), getContract.getOutputParameters());
        String address = out.isEmpty() ? ZERO_ADDRESS : out.get(0).toString();
        if (result.hasError() || address.equals(ZERO_ADDRESS)) {
            throw new ChainException("connect", "the Controller at " + controller + " has no " + name + " registered", false);
        }
        return address;
    }

    String url() {
        return url;
    }

    long chainId() {
        return chainId;
    }

    Addresses addresses() {
        return addresses;
    }

    /** @return the account this chain signs for, lower-case hex, or {@code null} when read-only */
    String account() {
        return from;
    }

    /** @return the accounts the node holds unlocked ({@code eth_accounts}; anvil's dev accounts, none elsewhere) */
    List<String> nodeAccounts() throws ChainException {
        try {
            return web3j.ethAccounts().send().getAccounts().stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
        } catch (IOException e) {
            throw failure("accounts", e);
        }
    }

    Logs logs() {
        return new Logs(web3j);
    }

    long blockNumber() throws ChainException {
        try {
            return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (IOException e) {
            throw failure("blockNumber", e);
        }
    }

    /** A read-only call at the latest block. */
    List<Type> call(String contract, String function, List<Type> inputs, List<TypeReference<?>> outputs)
            throws ChainException {
        Function fn = new Function(function, inputs, outputs);
        String caller = from == null ? ZERO_ADDRESS : from;
        try {
            EthCall result = web3j.ethCall(Transaction.createEthCallTransaction(caller, contract, FunctionEncoder.encode(fn)),
                    DefaultBlockParameterName.LATEST).send();
            if (result.hasError()) {
                throw new ChainException(function, reverts.reason(result.getError().getData(), result.getError().getMessage()), true);
            }
            List<Type> values = FunctionReturnDecoder.decode(result.getValue(), fn.getOutputParameters());
            if (values.size() != outputs.size()) {
                throw new ChainException(function, "contract " + contract + " returned no result (is it deployed on this chain?)", false);
            }
            return values;
        } catch (IOException e) {
            throw failure(function, e);
        }
    }

    BigInteger callUint(String contract, String function, Type... inputs) throws ChainException {
        return (BigInteger) call(contract, function, List.of(inputs), List.of(new TypeReference<Uint256>() {
        })).get(0).getValue();
    }

    boolean callBool(String contract, String function, Type... inputs) throws ChainException {
        return (Boolean) call(contract, function, List.of(inputs), List.of(new TypeReference<Bool>() {
        })).get(0).getValue();
    }

    String callAddress(String contract, String function, Type... inputs) throws ChainException {
        return call(contract, function, List.of(inputs), List.of(new TypeReference<Address>() {
        })).get(0).toString();
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
        if (transactions == null) {
            throw new ChainException(operation, "no account to sign with (configure a keystore and its password file)", false);
        }
        String data = FunctionEncoder.encode(new Function(function, List.of(inputs), List.of()));
        synchronized (sending) {
            try {
                EthEstimateGas estimate = web3j.ethEstimateGas(
                        Transaction.createFunctionCallTransaction(from, null, null, null, contract, data)).send();
                if (estimate.hasError()) {
                    throw refused(operation, estimate.getError());
                }
                // A margin over the estimate: state can change between the estimate and the block.
                BigInteger gasLimit = estimate.getAmountUsed().multiply(BigInteger.valueOf(6)).divide(BigInteger.valueOf(5))
                        .add(BigInteger.valueOf(10_000));
                BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
                EthSendTransaction sent = transactions.sendTransaction(gasPrice, gasLimit, contract, data, BigInteger.ZERO);
                if (sent.hasError()) {
                    throw refused(operation, sent.getError());
                }
                TransactionReceipt receipt = receipts.waitForTransactionReceipt(sent.getTransactionHash());
                if (!receipt.isStatusOK()) {
                    throw new ChainException(operation, revertedInBlock(receipt, from, contract, data), true);
                }
                return new Sent(new TxResult(receipt.getTransactionHash(), receipt.getBlockNumber().longValueExact(),
                        receipt.getGasUsed().longValueExact()), receipt);
            } catch (IOException | TransactionException e) {
                throw failure(operation, e);
            }
        }
    }

    /**
     * The node refused a transaction: a contract revert (JSON-RPC error 3, or revert data) becomes its reason; anything
     * else (no ETH for gas, a nonce problem) is the node's own message, with the account where it helps.
     */
    private ChainException refused(String operation, Response.Error error) {
        boolean revert = error.getCode() == 3 || error.getData() != null && error.getData().startsWith("0x")
                || error.getMessage() != null && error.getMessage().startsWith("execution reverted");
        if (revert) {
            return new ChainException(operation, reverts.reason(error.getData(), error.getMessage()), true);
        }
        String message = error.getMessage() == null ? "error " + error.getCode() : error.getMessage();
        if (message.toLowerCase(Locale.ROOT).contains("insufficient funds")) {
            return new ChainException(operation, "account " + from + " has too little ETH to pay for gas (" + message + ")", false);
        }
        return new ChainException(operation, "the node refused the transaction: " + message, false);
    }

    /** A transaction that passed its estimate but failed when mined: replay it for the reason. */
    private String revertedInBlock(TransactionReceipt receipt, String from, String contract, String data) throws IOException {
        if (receipt.getRevertReason() != null && !receipt.getRevertReason().isBlank()) {
            return reverts.reason(null, receipt.getRevertReason());
        }
        EthCall replay = web3j.ethCall(Transaction.createEthCallTransaction(from, contract, data),
                DefaultBlockParameterName.LATEST).send();
        String why = replay.hasError() ? reverts.reason(replay.getError().getData(), replay.getError().getMessage())
                : "reverted when mined (state changed after the gas estimate)";
        return why + " (transaction " + receipt.getTransactionHash() + ")";
    }

    /** A node-specific JSON-RPC method, e.g. {@code anvil_mine}. */
    void rpc(String operation, String method, List<?> params) throws ChainException {
        try {
            Response<?> response = new Request<>(method, params, service, RawResponse.class).send();
            if (response.hasError()) {
                throw new ChainException(operation, method + ": " + response.getError().getMessage(), false);
            }
        } catch (IOException e) {
            throw failure(operation, e);
        }
    }

    private ChainException failure(String operation, Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ChainException(operation, "the node at " + url + " failed: " + message.lines().findFirst().orElse(""), false, e);
    }

    static String checkAddress(String what, String address) throws ChainException {
        if (address == null || !WalletUtils.isValidAddress(address) || !address.startsWith("0x")) {
            throw new ChainException(what, "'" + address + "' is not an address (expected 0x and 40 hex digits)", false);
        }
        return address.toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        web3j.shutdown();
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                // Closing the devchain is best effort at shutdown; Anvil also kills its process in a shutdown hook.
            }
        }
    }

    /** Any JSON-RPC result, ignored. */
    public static final class RawResponse extends Response<Object> {
    }
}
