package org.framegrid.chain.web3j.internal;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.websocket.events.Notification;

/**
 * The chain client's JSON-RPC service with its failures counted, by method and kind: {@code transport} (no answer:
 * the node is down, the connection broke, the reply was not JSON-RPC) or {@code error} (the node answered with an
 * error object: a revert found by a simulation, a rejected transaction, a method the node lacks). Every request of a
 * {@link ChainClient} goes through one, whichever part of the client sends it. Thread-safe.
 */
final class RpcErrors implements Web3jService {
    static final String TRANSPORT = "transport";
    static final String ERROR = "error";

    private final Web3jService service;
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    RpcErrors(Web3jService service) {
        this.service = service;
    }

    /** @return the failures so far by method and kind ("METHOD KIND"), in name order */
    Map<String, Long> counts() {
        Map<String, Long> copy = new TreeMap<>();
        failures.forEach((key, n) -> copy.put(key, n.sum()));
        return copy;
    }

    private void failed(String method, String kind) {
        failures.computeIfAbsent(method + " " + kind, k -> new LongAdder()).increment();
    }

    private <T extends Response> T answered(Request request, T response) {
        if (response != null && response.hasError()) {
            failed(request.getMethod(), ERROR);
        }
        return response;
    }

    @Override
    public <T extends Response> T send(Request request, Class<T> responseType) throws IOException {
        try {
            return answered(request, service.send(request, responseType));
        } catch (IOException | RuntimeException e) {
            failed(request.getMethod(), TRANSPORT);
            throw e;
        }
    }

    @Override
    public <T extends Response> CompletableFuture<T> sendAsync(Request request, Class<T> responseType) {
        return service.sendAsync(request, responseType).whenComplete((response, e) -> {
            if (e != null) {
                failed(request.getMethod(), TRANSPORT);
            } else {
                answered(request, response);
            }
        });
    }

    @Override
    public BatchResponse sendBatch(BatchRequest requests) throws IOException {
        try {
            return service.sendBatch(requests);
        } catch (IOException | RuntimeException e) {
            failed("batch", TRANSPORT);
            throw e;
        }
    }

    @Override
    public CompletableFuture<BatchResponse> sendBatchAsync(BatchRequest requests) {
        return service.sendBatchAsync(requests).whenComplete((response, e) -> {
            if (e != null) {
                failed("batch", TRANSPORT);
            }
        });
    }

    @Override
    public <T extends Notification<?>> io.reactivex.Flowable<T> subscribe(Request request, String unsubscribeMethod,
            Class<T> responseType) {
        return service.subscribe(request, unsubscribeMethod, responseType);
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
