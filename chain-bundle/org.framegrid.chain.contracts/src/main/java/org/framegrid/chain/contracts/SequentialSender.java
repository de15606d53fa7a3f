package org.framegrid.chain.contracts;

import java.math.BigInteger;

import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Sends each deployment transaction through a transaction manager and waits for it: works on any node.
 *
 * @param receipts waits for each transaction's receipt
 */
record SequentialSender(TransactionManager transactions, ContractGasProvider gas,
                        PollingTransactionReceiptProcessor receipts) implements DeploymentSender {

    SequentialSender(Web3j web3j, TransactionManager transactions, ContractGasProvider gas) {
        this(transactions, gas, new PollingTransactionReceiptProcessor(web3j, 2, 30_000));
    }

    @Override
    public String create(String label, String initCode) throws Exception {
        return send(label, null, initCode, true).getContractAddress();
    }

    @Override
    public void call(String label, String to, String data) throws Exception {
        send(label, to, data, false);
    }

    @Override
    public void flush() {
        // Every transaction was already waited for.
    }

    private TransactionReceipt send(String label, String to, String data, boolean creation) throws Exception {
        EthSendTransaction sent = transactions.sendTransaction(gas.getGasPrice(), gas.getGasLimit(), to, data,
                BigInteger.ZERO, creation);
        if (sent.hasError()) {
            throw new IllegalStateException("deploying the protocol: " + label + " was refused: "
                    + sent.getError().getMessage());
        }
        TransactionReceipt receipt = receipts.waitForTransactionReceipt(sent.getTransactionHash());
        if (!receipt.isStatusOK()) {
            throw new IllegalStateException("deploying the protocol: " + label + " failed in block "
                    + receipt.getBlockNumber() + " (transaction " + receipt.getTransactionHash() + ")");
        }
        return receipt;
    }
}
