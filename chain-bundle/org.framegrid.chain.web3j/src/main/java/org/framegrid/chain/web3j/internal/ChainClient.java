package org.framegrid.chain.web3j.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.framegrid.chain.api.ChainException;
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
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * One connection to a chain where the protocol is deployed: reads (plain ABI calls by the real Livepeer signatures,
 * so the same code talks to our contracts and to the real ones) and the transaction senders, one per account
 * ({@link #sender}). A client may act for an account of its own ({@link #account()}; the node's) or be read-only.
 * Owns its client threads; {@link #close()} releases them and the devchain handed over at connect.
 */
public final class ChainClient implements AutoCloseable {

    static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    private final ChainNode node;
    private final RpcErrors service;
    private final Addresses addresses;
    private final Devchain devchain;
    private final Map<String, TransactionSender> senders = new ConcurrentHashMap<>();
    private final TransactionSender own;

    private ChainClient(ChainNode node, RpcErrors service, Account account, Addresses addresses, Devchain devchain) {
        this.node = node;
        this.service = service;
        this.addresses = addresses;
        this.devchain = devchain;
        this.own = account == null ? null : sender(account);
    }

    /**
     * Connects to {@code url} and finds the contracts through the Controller at {@code controller}.
     *
     * @param account  the account to act for, or {@code null} for read-only use
     * @param devchain the devchain behind {@code url}, stopped with this client, or {@code null}
     */
    static ChainClient connect(String url, String controller, Account account, Duration receiptPoll,
            Devchain devchain) throws ChainException {
        return connect(new HttpService(url), url, controller, account, receiptPoll, devchain);
    }

    /** {@link #connect(String, String, Account, Duration, Devchain)} through {@code service} (tests put one between). */
    static ChainClient connect(Web3jService rpc, String url, String controller, Account account,
            Duration receiptPoll, Devchain devchain) throws ChainException {
        RpcErrors service = new RpcErrors(rpc);
        if (!WalletUtils.isValidAddress(controller)) {
            throw new ChainException("connect", "'" + controller + "' is not an address (expected 0x and 40 hex digits)", false);
        }
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
            // Receipts are polled for up to 10 minutes: long enough for a congested public chain, and a local node
            // answers on the first or second poll.
            long attempts = Math.max(1, Duration.ofMinutes(10).toMillis() / Math.max(1, receiptPoll.toMillis()));
            ChainNode node = new ChainNode(url, web3j, chainId, new PollingTransactionReceiptProcessor(web3j,
                    receiptPoll.toMillis(), (int) Math.min(attempts, Integer.MAX_VALUE)),
                    Reverts.load(ChainClient.class.getClassLoader()));
            return new ChainClient(node, service, account, addresses, devchain);
        } catch (ChainException | RuntimeException e) {
            web3j.shutdown();
            throw e;
        }
    }

    /**
     * A read-only client (EmbeddedChain, this bundle's exported entry point for plain JVMs); accounts act through
     * {@link #sender}.
     */
    public static ChainClient connect(String url, String controller, Duration receiptPoll) throws ChainException {
        return connect(url, controller, null, receiptPoll, null);
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
        return node.url();
    }

    long chainId() {
        return node.chainId();
    }

    /** @return this client's failed JSON-RPC requests by method and kind ({@link RpcErrors#counts()}) */
    Map<String, Long> rpcErrors() {
        return service.counts();
    }

    Addresses addresses() {
        return addresses;
    }

    /** @return the account this client acts for, lower-case hex, or {@code null} when read-only */
    String account() {
        return own == null ? null : own.account();
    }

    /** @return the devchain this client was connected to at its start, or {@code null} on any other chain */
    Devchain devchain() {
        return devchain;
    }

    /** @return the accounts the node holds unlocked ({@code eth_accounts}; anvil's dev accounts, none elsewhere) */
    List<String> nodeAccounts() throws ChainException {
        try {
            return node.web3j().ethAccounts().send().getAccounts().stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
        } catch (IOException e) {
            throw node.failure("accounts", e);
        }
    }

    Logs logs() {
        return new Logs(node.web3j());
    }

    long blockNumber() throws ChainException {
        try {
            return node.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (IOException e) {
            throw node.failure("blockNumber", e);
        }
    }

    /** A read-only call at the latest block. */
    List<Type> call(String contract, String function, List<Type> inputs, List<TypeReference<?>> outputs)
            throws ChainException {
        Function fn = new Function(function, inputs, outputs);
        String caller = own == null ? ZERO_ADDRESS : own.account();
        try {
            EthCall result = node.web3j().ethCall(Transaction.createEthCallTransaction(caller, contract, FunctionEncoder.encode(fn)),
                    DefaultBlockParameterName.LATEST).send();
            if (result.hasError()) {
                throw new ChainException(function, node.reverts().reason(result.getError().getData(), result.getError().getMessage()), true);
            }
            List<Type> values = FunctionReturnDecoder.decode(result.getValue(), fn.getOutputParameters());
            if (values.size() != outputs.size()) {
                throw new ChainException(function, "contract " + contract + " returned no result (is it deployed on this chain?)", false);
            }
            return values;
        } catch (IOException e) {
            throw node.failure(function, e);
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

    /** @return a {@code bytes32} result as {@code 0x} and 64 hex digits */
    String callBytes32(String contract, String function, Type... inputs) throws ChainException {
        return Numeric.toHexString((byte[]) call(contract, function, List.of(inputs), List.of(new TypeReference<Bytes32>() {
        })).get(0).getValue());
    }

    /** @return the node's gas price now, wei */
    BigInteger gasPrice() throws ChainException {
        try {
            return node.web3j().ethGasPrice().send().getGasPrice();
        } catch (IOException e) {
            throw node.failure("gasPrice", e);
        }
    }

    String callAddress(String contract, String function, Type... inputs) throws ChainException {
        return call(contract, function, List.of(inputs), List.of(new TypeReference<Address>() {
        })).get(0).toString();
    }

    /**
     * Sends {@code function(inputs)} to {@code contract} from this client's own account and waits for it to be mined.
     *
     * @param operation named in errors, e.g. {@code "bond"}
     * @throws ChainException with the revert reason when the contract refuses it, or when this client is read-only
     */
    TransactionSender.Sent send(String operation, String contract, String function, Type... inputs)
            throws ChainException {
        if (own == null) {
            throw new ChainException(operation, "no account to sign with (configure a keystore and its password file)",
                    false);
        }
        return own.send(operation, contract, function, inputs);
    }

    /** @return the sender of this client's own account, or {@code null} when it is read-only */
    TransactionSender own() {
        return own;
    }

    /**
     * @return the one sender of {@code account} on this chain: whoever asks for the same address (staking, rounds,
     *     ticket redemption, a devchain tool) gets the same sender, so one key has one nonce sequence
     */
    TransactionSender sender(Account account) {
        return senders.computeIfAbsent(account.address(),
                address -> new TransactionSender(node, account));
    }

    /** {@link #sender(Account)} for a key of ours. */
    public TransactionSender sender(Credentials key) {
        return sender(Account.of(key));
    }

    /** A node-specific JSON-RPC method, e.g. {@code anvil_mine}. */
    void rpc(String operation, String method, List<?> params) throws ChainException {
        try {
            Response<?> response = new Request<>(method, params, service, RawResponse.class).send();
            if (response.hasError()) {
                throw new ChainException(operation, method + ": " + response.getError().getMessage(), false);
            }
        } catch (IOException e) {
            throw node.failure(operation, e);
        }
    }

    static String checkAddress(String what, String address) throws ChainException {
        if (address == null || !WalletUtils.isValidAddress(address) || !address.startsWith("0x")) {
            throw new ChainException(what, "'" + address + "' is not an address (expected 0x and 40 hex digits)", false);
        }
        return address.toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        node.web3j().shutdown();
        if (devchain != null) {
            devchain.close(); // Anvil also kills its process in a shutdown hook, should this not be reached
        }
    }

    /** Any JSON-RPC result, ignored. */
    public static final class RawResponse extends Response<Object> {
    }
}
