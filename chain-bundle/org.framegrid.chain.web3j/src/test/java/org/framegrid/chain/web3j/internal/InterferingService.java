package org.framegrid.chain.web3j.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.reactivex.Flowable;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.http.HttpService;
import org.web3j.protocol.websocket.events.Notification;

/**
 * A JSON-RPC connection that passes everything on to a real node, except that the test can make the next
 * {@code eth_sendRawTransaction} meet trouble: something else happens just before it arrives (another process sends
 * from the same key), or its answer is lost after the node took it. It notes where each {@code eth_getLogs} starts.
 */
final class InterferingService implements Web3jService {

    interface Action {
        void run() throws Exception;
    }

    private final HttpService node;
    private final AtomicReference<Action> beforeNextRawSend = new AtomicReference<>();
    private final AtomicBoolean loseNextRawAnswer = new AtomicBoolean();
    /** The first block of every {@code eth_getLogs} asked for ("earliest" or a hex number), in order. */
    final List<String> logsFrom = new CopyOnWriteArrayList<>();

    InterferingService(String url) {
        this.node = new HttpService(url);
    }

    void beforeNextRawSend(Action action) {
        beforeNextRawSend.set(action);
    }

    void loseNextRawAnswer() {
        loseNextRawAnswer.set(true);
    }

    @Override
    public <T extends Response> T send(Request request, Class<T> responseType) throws IOException {
        if ("eth_getLogs".equals(request.getMethod()) && request.getParams().getFirst() instanceof EthFilter f) {
            logsFrom.add(f.getFromBlock().getValue());
        }
        if (!"eth_sendRawTransaction".equals(request.getMethod())) {
            return node.send(request, responseType);
        }
        Action before = beforeNextRawSend.getAndSet(null);
        if (before != null) {
            try {
                before.run();
            } catch (Exception e) {
                throw new IllegalStateException("the interference itself failed", e);
            }
        }
        T answer = node.send(request, responseType);
        if (loseNextRawAnswer.getAndSet(false)) {
            throw new IOException("connection reset (the test lost the answer; the node has the transaction)");
        }
        return answer;
    }

    @Override
    public <T extends Response> CompletableFuture<T> sendAsync(Request request, Class<T> responseType) {
        return node.sendAsync(request, responseType);
    }

    @Override
    public BatchResponse sendBatch(BatchRequest batch) throws IOException {
        return node.sendBatch(batch);
    }

    @Override
    public CompletableFuture<BatchResponse> sendBatchAsync(BatchRequest batch) {
        return node.sendBatchAsync(batch);
    }

    @Override
    public <T extends Notification<?>> Flowable<T> subscribe(Request request, String unsubscribeMethod,
            Class<T> responseType) {
        return node.subscribe(request, unsubscribeMethod, responseType);
    }

    @Override
    public void close() throws IOException {
        node.close();
    }
}
