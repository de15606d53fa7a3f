package org.framegrid.trickle.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.framegrid.trickle.HttpReply;
import org.framegrid.trickle.TrickleServer;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.client.TrickleClient;
import org.framegrid.trickle.client.TrickleException;
import org.framegrid.trickle.tls.NodeTrust;
import org.framegrid.trickle.tls.TlsIdentity;
import org.framegrid.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The trickle server and client over real sockets on 127.0.0.1. */
@Timeout(30)
class TrickleServerTest {
    private TrickleServerFactoryComponent factory;
    private MemorySegmentChannels channels;
    private TrickleServer server;
    private TrickleClient client;

    static MemorySegmentChannels channels(int retain) {
        return new MemorySegmentChannels(retain);
    }

    @BeforeEach
    void start() throws IOException {
        factory = new TrickleServerFactoryComponent();
        channels = channels(5);
        server = factory.start("127.0.0.1", 0, null);
        client = new TrickleClient();
    }

    @AfterEach
    void stop() {
        client.close();
        factory.close();
    }

    @Test
    void aReaderGetsBytesWhileTheWriterIsStillWriting() throws Exception {
        server.serve("in", TrickleServer.MEDIA, channels.open("in"), true);
        URI in = server.channelUri("in");
        byte[] payload = new byte[200_000];
        new Random(1).nextBytes(payload);
        int half = payload.length / 2;
        GatedStream body = new GatedStream(payload, half);
        CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> {
            try {
                client.publish(in, 0, body);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        TrickleClient.Segment s = client.read(in, 0);
        assertEquals(0, s.sequence());
        byte[] first = s.bytes().readNBytes(half);
        assertArrayEquals(Arrays.copyOf(payload, half), first, "the first half arrived before the writer finished");
        assertTrue(!upload.isDone(), "the upload is still open");
        body.open(payload.length);
        byte[] rest = s.bytes().readAllBytes();
        assertArrayEquals(Arrays.copyOfRange(payload, half, payload.length), rest);
        upload.join();
    }

    @Test
    void lateJoinersGetTheLiveEdgeAndSlowReadersAreMovedForward() throws Exception {
        server.serve("in", TrickleServer.MEDIA, channels.open("in"), true);
        URI in = server.channelUri("in");
        for (int k = 0; k < 8; k++) {
            client.publish(in, k, ("segment " + k).getBytes(StandardCharsets.UTF_8));
        }
        TrickleClient.Segment latest = client.read(in, -1);
        assertEquals(7, latest.sequence());
        assertEquals("segment 7", new String(latest.bytes().readAllBytes(), StandardCharsets.UTF_8));
        TrickleClient.Segment old = client.read(in, 0);
        assertEquals(3, old.sequence(), "5 are kept: 3..7");
        assertEquals("segment 3", new String(old.bytes().readAllBytes(), StandardCharsets.UTF_8));
        TrickleException gap = assertThrows(TrickleException.class, () -> client.publish(in, 10, new byte[1]));
        assertEquals(409, gap.status());
        assertEquals(8, gap.nextSequence());
        // A reader waiting for the next segment is served as soon as it is published (pre-connect).
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(client.read(in, 8).bytes().readAllBytes(), StandardCharsets.UTF_8);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        client.publish(in, -1, "segment 8".getBytes(StandardCharsets.UTF_8));
        assertEquals("segment 8", waiting.join());
    }

    @Test
    void aPublisherThatDropsOutTruncatesTheSegmentForItsReaders() throws Exception {
        SegmentChannel ch = channels.open("in");
        server.serve("in", TrickleServer.MEDIA, ch, true);
        URI in = server.channelUri("in");
        InputStream failing = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent >= 50_000) {
                    throw new IOException("camera unplugged");
                }
                int n = Math.min(len, 10_000);
                Arrays.fill(b, off, off + n, (byte) 7);
                sent += n;
                return n;
            }
        };
        assertThrows(IOException.class, () -> client.publish(in, 0, failing));
        TrickleClient.Segment s = client.read(in, 0);
        IOException e = assertThrows(IOException.class, () -> s.bytes().readAllBytes());
        System.out.println("reader of the dropped segment: " + e);
        // The channel goes on with the next segment.
        client.publish(in, 1, "next".getBytes(StandardCharsets.UTF_8));
        assertEquals("next", new String(client.read(in, 1).bytes().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void closedAndUnknownChannelsAnswer404AndNodeWrittenChannelsRefusePublishing() throws Exception {
        SegmentChannel out = channels.open("out");
        server.serve("out", TrickleServer.JSON, out, false);
        URI uri = server.channelUri("out");
        TrickleException refused = assertThrows(TrickleException.class, () -> client.publish(uri, 0, new byte[1]));
        assertEquals(405, refused.status());
        try (var w = out.publish()) {
            w.write("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("{\"a\":1}", new String(client.read(uri, 0).bytes().readAllBytes(), StandardCharsets.UTF_8));
        client.closeChannel(uri);
        TrickleException closed = assertThrows(TrickleException.class, () -> client.read(uri, 1));
        assertEquals(404, closed.status());
        assertTrue(closed.channelClosed(), closed.getMessage());
        TrickleException unknown = assertThrows(TrickleException.class,
                () -> client.read(server.channelUri("nope"), 0));
        assertTrue(unknown.getMessage().contains("channel 'nope' does not exist"), unknown.getMessage());
    }

    @Test
    void routesAnswerOverPlainHttpAndTls(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.create("test CA");
        TestPki.Leaf leaf = pki.issue("127.0.0.1");
        NodeTrust trust = new NodeTrust(null);
        trust.useCa(NodeTrust.ca(pki.writeCa(dir.resolve("ca.pem"))));
        try (TrickleServer tls = factory.start("127.0.0.1", 0,
                new TlsIdentity(leaf.key(), List.of(leaf.certificate())));
             TrickleClient client = new TrickleClient(java.time.Duration.ofSeconds(30), trust.context())) {
            for (TrickleServer s : new TrickleServer[] {server, tls}) {
                s.route("/v1/", call -> HttpReply.json(201, "{\"echo\":\"" + call.text() + "\",\"q\":\""
                        + call.query().get("x") + "\"}"));
                HttpResponse<String> r = client.http().send(HttpRequest.newBuilder(s.baseUri().resolve("/v1/echo?x=5"))
                        .POST(HttpRequest.BodyPublishers.ofString("hi")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(201, r.statusCode(), s.baseUri().toString());
                assertEquals("{\"echo\":\"hi\",\"q\":\"5\"}", r.body());
                HttpResponse<String> missing = client.http().send(HttpRequest.newBuilder(s.baseUri().resolve("/nope"))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(404, missing.statusCode());
            }
            assertTrue(tls.baseUri().toString().startsWith("https://127.0.0.1:"));
        }
    }

    /** Hands out {@code payload} up to a limit that the test raises, blocking at the limit like a live encoder. */
    static final class GatedStream extends InputStream {
        private final byte[] payload;
        private int limit;
        private int position;

        GatedStream(byte[] payload, int limit) {
            this.payload = payload;
            this.limit = limit;
        }

        synchronized void open(int newLimit) {
            limit = newLimit;
            notifyAll();
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            while (position == limit && limit < payload.length) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            if (position == payload.length) {
                return -1;
            }
            int n = Math.min(len, limit - position);
            System.arraycopy(payload, position, b, off, n);
            position += n;
            return n;
        }
    }
}
