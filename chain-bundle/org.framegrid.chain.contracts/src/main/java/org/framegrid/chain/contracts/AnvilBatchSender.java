package org.framegrid.chain.contracts;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.web3j.crypto.ContractUtils;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Gathers deployment transactions into as few anvil blocks as fit: it turns automine off, signs each transaction with
 * the next nonce (so that a creation's address is known before it is mined), and mines once per {@link #flush()}.
 * Thirty-odd transactions then take two blocks instead of thirty, which leaves tests with short rounds their round 0.
 * Automine is back on after each flush; {@link #close()} turns it on after a failure too.
 */
final class AnvilBatchSender implements DeploymentSender, AutoCloseable {

    /** Gas limit of a call: every deployment call (registration, role grant, parameter) needs well under 100 k. */
    private static final BigInteger CALL_GAS = BigInteger.valueOf(200_000);
    /** Blocks a flush may take: the first ~30 M gas fit one block, the rest the next. */
    private static final int MAX_BLOCKS = 5;

    private record Sent(String label, String hash) {
    }

    private final Anvil anvil;
    private final Credentials from;
    private final BigInteger gasPrice;
    private final List<Sent> pending = new ArrayList<>();
    private BigInteger nonce;

    AnvilBatchSender(Anvil anvil, Credentials from, BigInteger gasPrice) throws IOException {
        this.anvil = anvil;
        this.from = from;
        this.gasPrice = gasPrice;
        this.nonce = anvil.web3j().ethGetTransactionCount(from.getAddress(), DefaultBlockParameterName.PENDING).send()
                .getTransactionCount();
    }

    @Override
    public String create(String label, String initCode) throws IOException {
        // A constructor's gas does not depend on transactions still pending, except where it reads the chain: the
        // deployment flushes before those.
        EthEstimateGas estimate = anvil.web3j().ethEstimateGas(Transaction.createContractTransaction(from.getAddress(),
                nonce, gasPrice, initCode)).send();
        if (estimate.hasError()) {
            throw new IllegalStateException("deploying the protocol: " + label + " would fail: "
                    + estimate.getError().getMessage());
        }
        BigInteger limit = estimate.getAmountUsed().multiply(BigInteger.valueOf(11)).divide(BigInteger.TEN);
        String address = ContractUtils.generateContractAddress(from.getAddress(), nonce);
        send(label, RawTransaction.createContractTransaction(nonce, gasPrice, limit, BigInteger.ZERO, initCode));
        return address;
    }

    @Override
    public void call(String label, String to, String data) throws IOException {
        send(label, RawTransaction.createTransaction(nonce, gasPrice, CALL_GAS, to, BigInteger.ZERO, data));
    }

    @Override
    public void flush() throws IOException {
        try {
            for (int block = 0; block < MAX_BLOCKS && !pending.isEmpty(); block++) {
                anvil.mine(1);
                for (var i = pending.iterator(); i.hasNext(); ) {
                    Sent sent = i.next();
                    Optional<TransactionReceipt> receipt = anvil.web3j().ethGetTransactionReceipt(sent.hash()).send()
                            .getTransactionReceipt();
                    if (receipt.isPresent()) {
                        if (!receipt.get().isStatusOK()) {
                            throw new IllegalStateException("deploying the protocol: " + sent.label()
                                    + " failed in block " + receipt.get().getBlockNumber());
                        }
                        i.remove();
                    }
                }
            }
            if (!pending.isEmpty()) {
                throw new IllegalStateException("deploying the protocol: " + pending.get(0).label()
                        + " was not mined within " + MAX_BLOCKS + " blocks");
            }
        } finally {
            anvil.setAutomine(true);
        }
    }

    @Override
    public void close() throws IOException {
        anvil.setAutomine(true);
    }

    private void send(String label, RawTransaction transaction) throws IOException {
        if (pending.isEmpty()) {
            anvil.setAutomine(false);
        }
        byte[] signed = TransactionEncoder.signMessage(transaction, anvil.chainId(), from);
        EthSendTransaction sent = anvil.web3j().ethSendRawTransaction(Numeric.toHexString(signed)).send();
        if (sent.hasError()) {
            throw new IllegalStateException("deploying the protocol: " + label + " was refused: "
                    + sent.getError().getMessage());
        }
        pending.add(new Sent(label, sent.getTransactionHash()));
        nonce = nonce.add(BigInteger.ONE);
    }
}
