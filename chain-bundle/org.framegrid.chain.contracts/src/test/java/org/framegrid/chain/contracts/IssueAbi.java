package org.framegrid.chain.contracts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * Calls contracts through Livepeer's ABI written as text: each function and event is given by its Solidity signature
 * as the issue (and Livepeer's sources) spell it, e.g. {@code "bondWithHint(uint256,address,address,address,address,
 * address)"} or {@code "TransferBond(address indexed,address indexed,uint256,uint256,uint256)"}, never by our
 * generated wrappers, so a selector or topic that differs from Livepeer's fails here. Arguments are plain Java values
 * (BigInteger or long for integers, String for addresses, byte[] for bytes, List for arrays).
 */
final class IssueAbi {

    private final Protocol p;
    private final PollingTransactionReceiptProcessor receipts;

    IssueAbi(Protocol p) {
        this.p = p;
        this.receipts = new PollingTransactionReceiptProcessor(p.anvil.web3j(), 2, 30_000);
    }

    String address(int account) {
        return p.address(account);
    }

    /** Sends {@code signature(args)} from dev account {@code account}; fails the test unless it succeeds. */
    TransactionReceipt send(int account, String contract, String signature, Object... args) throws Exception {
        return sendValue(account, contract, BigInteger.ZERO, signature, args);
    }

    /** {@link #send} with {@code wei} attached (payable functions). */
    TransactionReceipt sendValue(int account, String contract, BigInteger wei, String signature, Object... args)
            throws Exception {
        String data = encode(signature, args);
        EthSendTransaction sent = p.manager(account).sendTransaction(ProtocolDeployer.DEV_GAS.getGasPrice(),
                ProtocolDeployer.DEV_GAS.getGasLimit(), contract, data, wei);
        if (sent.hasError()) {
            throw new AssertionError(signature + " refused: " + sent.getError().getMessage());
        }
        TransactionReceipt receipt = receipts.waitForTransactionReceipt(sent.getTransactionHash());
        assertTrue(receipt.isStatusOK(), signature + " reverted: " + revertMessage(account, contract, data, wei));
        return receipt;
    }

    /** eth_call of {@code signature(args)}; {@code outputs} is the comma-separated list of return types. */
    List<Object> call(String contract, String signature, String outputs, Object... args) throws Exception {
        EthCall result = ethCall(null, contract, encode(signature, args), BigInteger.ZERO);
        if (result.hasError() || result.isReverted()) {
            throw new AssertionError(signature + " reverted: " + message(result));
        }
        List<TypeReference<Type>> types = new ArrayList<>();
        for (String type : types(outputs)) {
            @SuppressWarnings("unchecked")
            TypeReference<Type> reference = TypeReference.makeTypeReference(type);
            types.add(reference);
        }
        return FunctionReturnDecoder.decode(result.getValue(), types).stream().map(t -> (Object) t.getValue()).toList();
    }

    /** The one return value of {@code signature(args)}. */
    Object call1(String contract, String signature, String output, Object... args) throws Exception {
        return call(contract, signature, output, args).get(0);
    }

    BigInteger uint(String contract, String signature, Object... args) throws Exception {
        return (BigInteger) call1(contract, signature, "uint256", args);
    }

    /** Asserts that {@code signature(args)} from {@code account} would revert with a message containing {@code text}. */
    void assertReverts(String text, int account, String contract, String signature, Object... args)
            throws Exception {
        String message = revertMessage(account, contract, encode(signature, args), BigInteger.ZERO);
        assertTrue(message != null && message.contains(text),
                signature + ": expected a revert with '" + text + "', got " + message);
    }

    /** The values of each {@code eventSignature} event that {@code contract} logged in {@code receipt}. */
    static List<List<Object>> events(TransactionReceipt receipt, String contract, String eventSignature)
            throws Exception {
        List<String> params = types(eventSignature.substring(eventSignature.indexOf('(') + 1,
                eventSignature.lastIndexOf(')')));
        List<String> plain = params.stream().map(t -> t.replace(" indexed", "")).toList();
        String topic = Numeric.toHexString(keccak(eventSignature.substring(0, eventSignature.indexOf('(')) + "("
                + String.join(",", plain) + ")"));
        List<List<Object>> found = new ArrayList<>();
        for (Log log : receipt.getLogs()) {
            if (!log.getAddress().equalsIgnoreCase(contract) || !log.getTopics().get(0).equalsIgnoreCase(topic)) {
                continue;
            }
            List<TypeReference<Type>> dataTypes = new ArrayList<>();
            for (int i = 0; i < params.size(); i++) {
                if (!params.get(i).endsWith(" indexed")) {
                    dataTypes.add(reference(plain.get(i)));
                }
            }
            List<Type> data = FunctionReturnDecoder.decode(log.getData(), dataTypes);
            List<Object> values = new ArrayList<>();
            int topicIndex = 1;
            int dataIndex = 0;
            for (int i = 0; i < params.size(); i++) {
                Type value = params.get(i).endsWith(" indexed")
                        ? FunctionReturnDecoder.decodeIndexedValue(log.getTopics().get(topicIndex++), reference(plain.get(i)))
                        : data.get(dataIndex++);
                values.add(value.getValue());
            }
            found.add(values);
        }
        return found;
    }

    /** The one {@code eventSignature} event in the receipt. */
    static List<Object> event(TransactionReceipt receipt, String contract, String eventSignature) throws Exception {
        List<List<Object>> all = events(receipt, contract, eventSignature);
        assertTrue(all.size() == 1, "expected one " + eventSignature + " from " + contract + ", got " + all.size());
        return all.get(0);
    }

    static String selector(String signature) {
        return Numeric.toHexString(Arrays.copyOf(keccak(signature), 4));
    }

    static String encode(String signature, Object... args) throws Exception {
        List<String> types = types(signature.substring(signature.indexOf('(') + 1, signature.lastIndexOf(')')));
        if (types.size() != args.length) {
            throw new IllegalArgumentException(signature + " takes " + types.size() + " arguments, got " + args.length);
        }
        List<Type> values = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            values.add(TypeDecoder.instantiateType(types.get(i), javaValue(args[i])));
        }
        return selector(signature) + FunctionEncoder.encodeConstructor(values);
    }

    private String revertMessage(int account, String contract, String data, BigInteger wei) throws Exception {
        EthCall result = ethCall(p.address(account), contract, data, wei);
        return result.hasError() || result.isReverted() ? message(result) : null;
    }

    private EthCall ethCall(String from, String contract, String data, BigInteger wei) throws Exception {
        Transaction call = new Transaction(from, null, null, null, contract, wei, data);
        return p.anvil.web3j().ethCall(call, DefaultBlockParameterName.LATEST).send();
    }

    private static String message(EthCall result) {
        return result.hasError() ? result.getError().getMessage() : result.getRevertReason();
    }

    private static Object javaValue(Object arg) {
        if (arg instanceof Integer || arg instanceof Long) {
            return BigInteger.valueOf(((Number) arg).longValue());
        }
        if (arg instanceof List<?> list) {
            return list.stream().map(IssueAbi::javaValue).toList();
        }
        return arg;
    }

    @SuppressWarnings("unchecked")
    private static TypeReference<Type> reference(String type) throws ClassNotFoundException {
        return TypeReference.makeTypeReference(type);
    }

    private static List<String> types(String list) {
        return list.isBlank() ? List.of() : Arrays.stream(list.split(",")).map(String::strip).toList();
    }

    private static byte[] keccak(String text) {
        return Hash.sha3(text.getBytes(StandardCharsets.UTF_8));
    }

    static String lower(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
