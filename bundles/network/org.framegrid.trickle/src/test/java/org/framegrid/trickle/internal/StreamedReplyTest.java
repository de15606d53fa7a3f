package org.framegrid.trickle.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.framegrid.trickle.HttpReply;
import org.framegrid.trickle.TrickleServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A route's streamed reply reaches the reader while it is written (the reader has the first part before the writer
 * writes the rest), ends when the writer returns, and is cut (no clean end) when the writer fails.
 */
@Timeout(30)
class StreamedReplyTest {
    private TrickleServerFactoryComponent factory;
    private TrickleServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        factory = new TrickleServerFactoryComponent();
        server = factory.start("127.0.0.1", 0, null);
    }

    @AfterEach
    void stop() {
        http.close();
        factory.close();
    }

    @Test
    void theReaderGetsEachPartWhileTheRestIsStillToComeAndTheEndWhenTheWriterReturns() throws Exception {
        CountDownLatch firstRead = new CountDownLatch(1);
        server.route("/live/", call -> HttpReply.streamed(200, "video/MP2T", Map.of("X-Kind", "live"), out -> {
            out.write("first;".getBytes(StandardCharsets.UTF_8));
            assertTrue(firstRead.await(10, TimeUnit.SECONDS), "the reader got the first part before the rest");
            out.write("second".getBytes(StandardCharsets.UTF_8));
        }));
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/live/x"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertEquals("video/MP2T", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("live", r.headers().firstValue("X-Kind").orElseThrow());
        try (InputStream in = r.body()) {
            assertEquals("first;", new String(in.readNBytes(6), StandardCharsets.UTF_8));
            firstRead.countDown();
            assertEquals("second", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aWriterThatFailsCutsTheReply() throws Exception {
        server.route("/live/", call -> HttpReply.streamed(200, "video/MP2T", Map.of(), out -> {
            out.write(new byte[] {1, 2, 3});
            throw new IOException("the source went away");
        }));
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/live/x"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        try (InputStream in = r.body()) {
            assertThrows(IOException.class, in::readAllBytes, "a cut body is not a complete one");
        }
    }
}
