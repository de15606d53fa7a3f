package org.framegrid.trickle.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.framegrid.trickle.HttpReply;
import org.framegrid.trickle.TrickleServer;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.channel.SegmentWriter;
import org.framegrid.trickle.client.TrickleClient;
import org.framegrid.testing.Await;
import org.framegrid.testing.LogLines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server's limits over real sockets on 127.0.0.1: idle, slow-header and half-sent-body connections are closed, one
 * address holds a bounded number of connections, oversized segments are refused 413, and a client that stops reading
 * its answer is closed. Limits are small here so
 * the test is quick; every wait is bounded by a socket read timeout.
 */
@Timeout(30)
class ServerLimitsTest {
    private static final ServerLimits LIMITS = new ServerLimits(400, 400, 400, 4, 64 * 1024);
    /** The same bounds with timeouts a loaded machine cannot hit: for the tests of the other limits. */
    private static final ServerLimits PATIENT = new ServerLimits(20_000, 20_000, 20_000, 4, 64 * 1024);
    /** Far above every limit: a connection still open this long after its limit was not closed. */
    private static final int READ_MILLIS = 5_000;

    private TrickleServerFactoryComponent factory;
    private MemorySegmentChannels channels;
    private TrickleServer server;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        start(LIMITS);
    }

    private void start(ServerLimits limits) throws IOException {
        if (factory != null) { // replacing the default one
            factory.close();
            channels.close();
        }
        factory = new TrickleServerFactoryComponent(limits);
        channels = new MemorySegmentChannels(5, 100 * 1024);
        server = factory.start("127.0.0.1", 0, null);
        server.route("/v1/", call -> HttpReply.text(200, "ok"));
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        factory.close();
        channels.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", server.baseUri().getPort());
        s.setSoTimeout(READ_MILLIS);
        sockets.add(s);
        return s;
    }

    /** @return everything the server sent until it closed the connection; fails if it kept it open */
    private static String readUntilClosed(Socket s) throws IOException {
        long t = System.nanoTime();
        try {
            String text = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            System.out.println("closed after " + (System.nanoTime() - t) / 1_000_000 + " ms: "
                    + text.lines().findFirst().orElse("(nothing)"));
            return text;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for " + READ_MILLIS + " ms", e);
        }
    }

    /** Sends {@code request} on {@code s} and expects the answer {@code status} with {@code reason}, then the close. */
    private static void assertAnswered(Socket s, String request, String status, String reason) throws IOException {
        send(s, request);
        String text = readUntilClosed(s);
        assertTrue(text.startsWith("HTTP/1.1 " + status), text);
        assertTrue(text.contains(reason), text);
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Test
    void anIdleConnectionIsClosed() throws IOException {
        Socket s = connect();
        assertEquals("", readUntilClosed(s), "closed without an answer");
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterItsAnswer() throws IOException {
        Socket s = connect();
        send(s, "GET /v1/x HTTP/1.1\r\nHost: a\r\n\r\n");
        String text = readUntilClosed(s);
        assertTrue(text.startsWith("HTTP/1.1 200"), text);
    }

    @Test
    void headersThatDoNotCompleteAreAnswered408() throws IOException {
        // Slow loris: the blank line that ends the headers never comes.
        assertAnswered(connect(), "GET /v1/x HTTP/1.1\r\nHost: a\r\n", "408",
                "request headers not complete within 400 ms");
    }

    @Test
    void aHalfSentBodyIsAnswered408AndItsSegmentTruncated() throws Exception {
        server.serve("in", TrickleServer.MEDIA, channels.open("in"), true);
        assertAnswered(connect(), "POST /trickle/in/0 HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n0123456789",
                "408", "request body paused for over 400 ms");
        try (TrickleClient client = new TrickleClient()) {
            TrickleClient.Segment seg = client.read(server.channelUri("in"), 0);
            assertThrows(IOException.class, () -> seg.bytes().readAllBytes(), "readers see a truncated segment");
        }
    }

    @Test
    void aSlowAnswerIsNotCutByTheIdleTimeout() throws Exception {
        server.serve("out", TrickleServer.MEDIA, channels.open("out"), true);
        URI out = server.channelUri("out");
        try (TrickleClient client = new TrickleClient()) {
            CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(client.read(out, 0).bytes().readAllBytes(), StandardCharsets.UTF_8);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(3 * LIMITS.idleMillis()); // the reader waits for a segment: the connection is not idle
            client.publish(out, 0, "late".getBytes(StandardCharsets.UTF_8));
            assertEquals("late", reader.join());
        }
    }

    /**
     * A subscriber that sends its GET and never reads the answer is closed once nothing of it was taken for the
     * write-stall limit, with one line; meanwhile the server holds little of the segment for it (back-pressure).
     */
    @Test
    void aClientThatStopsReadingItsAnswerIsClosed() throws Exception {
        start(new ServerLimits(20_000, 20_000, 20_000, 4, 64 * 1024, 400));
        int size = 32 << 20; // far more than the socket buffers on both sides take
        try (MemorySegmentChannels big = new MemorySegmentChannels(2, 64 << 20);
             LogLines log = LogLines.of(ClientErrors.class)) {
            SegmentChannel out = big.open("out");
            server.serve("out", TrickleServer.MEDIA, out, false);
            try (SegmentWriter w = out.publish()) {
                byte[] chunk = new byte[1 << 20];
                for (int i = 0; i < size / chunk.length; i++) {
                    w.write(chunk);
                }
            }
            Socket s = new Socket();
            sockets.add(s);
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress("127.0.0.1", server.baseUri().getPort()));
            s.setSoTimeout(READ_MILLIS);
            send(s, "GET /trickle/out/0 HTTP/1.1\r\nHost: a\r\n\r\n"); // and reads nothing
            Await.until("the stalled answer's connection closed", 20_000,
                    () -> !log.containing("took none of its answer").isEmpty(), () -> "log: " + log.lines());
            String line = log.containing("took none of its answer").getFirst();
            System.out.println(line);
            Matcher waiting = Pattern.compile("\\((\\d+) bytes waiting\\)").matcher(line);
            assertTrue(waiting.find() && Long.parseLong(waiting.group(1)) <= 256 * 1024, "held for it: " + line);
            long read = 0;
            try (InputStream in = s.getInputStream()) {
                byte[] b = new byte[64 * 1024];
                for (int n; (n = in.read(b)) >= 0; ) {
                    read += n;
                }
            } catch (SocketException reset) {
                // closed with bytes unread on its side: as good as the end
            }
            assertTrue(read < size, "the answer was cut: " + read + " of " + size + " bytes came");
            assertEquals(1, log.containing("took none of its answer").size(), log.lines().toString());
        }
    }

    @Test
    void oneAddressHoldsABoundedNumberOfConnections() throws Exception {
        start(PATIENT); // the held connections must not be closed as idle meanwhile
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < LIMITS.connectionsPerAddress(); i++) {
            Socket s = connect();
            send(s, "GET /v1/x HTTP/1.1\r\nHost: a\r\n\r\n");
            held.add(s);
        }
        for (Socket s : held) {
            assertTrue(new String(s.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1)
                    .startsWith("HTTP/1.1 200"));
        }
        String refused = readUntilClosed(connect());
        assertTrue(refused.startsWith("HTTP/1.1 429"), refused);
        assertTrue(refused.contains("127.0.0.1 already holds 4 connections"), refused);
        held.get(0).close();
        // The closed one stops counting as soon as the server sees it go (bounded by the socket timeout).
        String again = "";
        for (int i = 0; i < 100 && !again.startsWith("HTTP/1.1 200"); i++) {
            Socket s = connect();
            send(s, "GET /v1/x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            again = readUntilClosed(s);
        }
        assertTrue(again.startsWith("HTTP/1.1 200"), again);
    }

    @Test
    void aSegmentOverTheLimitIsRefused413() throws Exception {
        start(PATIENT);
        server.serve("in", TrickleServer.MEDIA, channels.open("in"), true);
        assertAnswered(connect(), "POST /trickle/in/0 HTTP/1.1\r\nHost: a\r\nContent-Length: 209715200\r\n\r\n",
                "413", "in/0: 209715200 bytes, over the 65536 a segment may hold here");
        Socket chunked = connect();
        send(chunked, "POST /trickle/in/-1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
        String chunk = "4000\r\n" + "x".repeat(0x4000) + "\r\n";
        for (int i = 0; i < 5; i++) { // 80 KiB, 16 KiB a chunk: the fifth is over
            send(chunked, chunk);
        }
        String text = readUntilClosed(chunked);
        assertTrue(text.startsWith("HTTP/1.1 413"), text);
        assertTrue(text.contains("over the 65536 bytes a segment may hold here"), text);
    }

    @Test
    void aSegmentOverTheChannelsMemoryIsRefused413() throws Exception {
        TrickleServerFactoryComponent roomy = new TrickleServerFactoryComponent(new ServerLimits(20_000, 20_000,
                20_000, 4, 1 << 20));
        try (TrickleClient client = new TrickleClient()) {
            TrickleServer s = roomy.start("127.0.0.1", 0, null);
            s.serve("in", TrickleServer.MEDIA, channels.open("in"), true);
            IOException e = assertThrows(IOException.class, () -> client.publish(s.channelUri("in"), 0,
                    new InputStream() {
                        private int left = 200 * 1024;

                        @Override
                        public int read() {
                            throw new UnsupportedOperationException();
                        }

                        @Override
                        public int read(byte[] b, int off, int len) {
                            int n = Math.min(len, Math.min(left, 8 * 1024));
                            left -= n;
                            return n == 0 ? -1 : n;
                        }
                    }));
            System.out.println("publisher of an oversized segment: " + e);
        } finally {
            roomy.close();
        }
    }
}
