package org.framegrid.demo.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The few raw JSON-RPC calls the demo makes itself: transactions from the devchain's unlocked accounts (anvil signs;
 * funding a gateway's ticket deposit has no chain command) and the TicketBroker's transfer events. Everything else
 * goes through the chain services and tools.
 */
final class Rpc {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI url;

    Rpc(String url) {
        this.url = URI.create(url);
    }

    Object call(String method, Object... params) throws IOException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(Map.of("jsonrpc", "2.0", "id", 1, "method", method,
                "params", List.of(params)));
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Map<?, ?> m = JSON.readValue(r.body(), Map.class);
        if (m.get("error") instanceof Map<?, ?> e) {
            throw new IOException(method + ": " + e.get("message"));
        }
        return m.get("result");
    }

    static String word(BigInteger v) {
        String hex = v.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    static String word(String address) {
        return "0".repeat(24) + address.substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    static BigInteger uint(Object hex) {
        String s = String.valueOf(hex);
        return s.equals("0x") ? BigInteger.ZERO : new BigInteger(s.substring(2), 16);
    }

    /** Sends a transaction from an unlocked devchain account and waits (bounded) for its successful receipt. */
    String send(String from, String to, String data, BigInteger value) throws IOException, InterruptedException {
        String hash = String.valueOf(call("eth_sendTransaction", Map.of("from", from, "to", to, "data", data,
                "value", "0x" + value.toString(16))));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (call("eth_getTransactionReceipt", hash) instanceof Map<?, ?> receipt) {
                if (!"0x1".equals(receipt.get("status"))) {
                    throw new IOException("transaction " + hash + " to " + to + " reverted");
                }
                return hash;
            }
            Thread.sleep(20);
        }
        throw new IOException("transaction " + hash + " was not mined within 30 s");
    }

    String contract(String controller, String name) throws IOException, InterruptedException {
        String data = "0x" + DevKeys.selector("getContract(bytes32)")
                + java.util.HexFormat.of().formatHex(DevKeys.keccak(name.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        String word = String.valueOf(call("eth_call", Map.of("to", controller, "data", data), "latest"));
        return "0x" + word.substring(word.length() - 40);
    }

    /** One log: its topics and data. */
    record Log(List<String> topics, String data) {
    }

    List<Log> logs(String address, String topic0) throws IOException, InterruptedException {
        List<Log> logs = new ArrayList<>();
        for (Object o : (List<?>) call("eth_getLogs", Map.of("fromBlock", "0x0", "toBlock", "latest",
                "address", address, "topics", List.of(topic0)))) {
            Map<?, ?> m = (Map<?, ?>) o;
            logs.add(new Log(((List<?>) m.get("topics")).stream().map(String::valueOf).toList(),
                    String.valueOf(m.get("data"))));
        }
        return logs;
    }
}
