package org.framegrid.chain.web3j.internal;

import org.framegrid.chain.api.ChainException;
import org.web3j.protocol.Web3j;
import org.web3j.tx.response.TransactionReceiptProcessor;

/**
 * The Ethereum JSON-RPC node a {@link ChainClient} is connected to, and what each of its {@link TransactionSender}s
 * needs from it.
 *
 * @param url      where the node answers, named in failures
 * @param web3j    the client (owned and shut down by the {@link ChainClient})
 * @param chainId  the id transactions are signed for
 * @param receipts waits for a transaction's receipt
 * @param reverts  decodes revert data into reasons
 */
record ChainNode(String url, Web3j web3j, long chainId, TransactionReceiptProcessor receipts, Reverts reverts) {

    /** @return a request to the node that failed ({@code e}: no answer, a broken connection), with its first line */
    ChainException failure(String operation, Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ChainException(operation, "the node at " + url + " failed: "
                + message.lines().findFirst().orElse(""), false, e);
    }
}
