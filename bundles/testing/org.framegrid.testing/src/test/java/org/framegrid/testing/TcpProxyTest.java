package org.framegrid.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

/** The link passes requests through, drops them while cut, and loses exactly the reply it was told to. */
class TcpProxyTest {

    @Test
    void passesCutsRestoresAndLosesTheMarkedReply() throws Exception {
        List<String> served = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes());
            served.add(body);
            byte[] reply = ("ok " + body).getBytes();
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
        try (TcpProxy proxy = TcpProxy.to(server.getAddress().getPort())) {
            assertEquals("ok a", post(proxy, "a"));

            proxy.cut();
            assertThrows(IOException.class, () -> post(proxy, "b"));
            assertTrue(proxy.refused() >= 1, "the attempt during the outage counted");
            proxy.restore();
            assertEquals("ok c", post(proxy, "c"));

            proxy.loseReplyTo("secret");
            assertThrows(IOException.class, () -> post(proxy, "the secret one"));
            assertTrue(proxy.isCut(), "cut after the lost reply");
            Await.until("the marked request served", 5_000, () -> served.contains("the secret one"));
            proxy.restore();
            assertEquals("ok d", post(proxy, "d"));
            assertEquals(List.of("a", "c", "the secret one", "d"), served);
        } finally {
            server.stop(0);
        }
    }

    /** A new client each time: a pooled connection the link closed would fail the next request instead. */
    private static String post(TcpProxy proxy, String body) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return client.send(HttpRequest.newBuilder(URI.create(proxy.url() + "/")).timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }
}
