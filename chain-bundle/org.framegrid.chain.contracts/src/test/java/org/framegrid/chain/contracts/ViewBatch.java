package org.framegrid.chain.contracts;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

/**
 * Many uint256 views in one JSON-RPC batch: the property test reads about 30 values after each sequence, and one
 * round trip instead of 30 is most of its run time.
 */
final class ViewBatch {

    private final Web3j web3j;
    private final BatchRequest batch;
    private final List<Function> functions = new ArrayList<>();

    ViewBatch(Web3j web3j) {
        this.web3j = web3j;
        this.batch = web3j.newBatch();
    }

    /** Queues {@code name(args)} on {@code contract}, returning {@code outputs} uint256 values (or addresses). */
    ViewBatch call(String contract, String name, List<Type> args, List<TypeReference<?>> outputs) {
        Function f = new Function(name, args, outputs);
        functions.add(f);
        batch.add(web3j.ethCall(Transaction.createEthCallTransaction(null, contract, FunctionEncoder.encode(f)),
                DefaultBlockParameterName.LATEST));
        return this;
    }

    ViewBatch uint(String contract, String name, Type... args) {
        return call(contract, name, List.of(args), List.of(new TypeReference<Uint256>() { }));
    }

    /** Sends the batch; each element is the decoded outputs of one call, in order. Reverts are errors. */
    List<List<Type>> send() throws IOException {
        BatchResponse response = batch.send();
        List<List<Type>> results = new ArrayList<>();
        List<? extends Response<?>> responses = response.getResponses();
        for (int i = 0; i < responses.size(); i++) {
            EthCall call = (EthCall) responses.get(i);
            if (call.hasError() || call.isReverted()) {
                throw new IOException(functions.get(i).getName() + " reverted: "
                        + (call.hasError() ? call.getError().getMessage() : call.getRevertReason()));
            }
            results.add(FunctionReturnDecoder.decode(call.getValue(), functions.get(i).getOutputParameters()));
        }
        return results;
    }

    static Address address(String hex) {
        return new Address(hex);
    }

    static Uint256 uint(long value) {
        return new Uint256(value);
    }

    static BigInteger big(Type value) {
        return (BigInteger) value.getValue();
    }
}
