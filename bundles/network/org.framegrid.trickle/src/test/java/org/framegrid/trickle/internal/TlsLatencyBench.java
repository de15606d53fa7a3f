package org.framegrid.trickle.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.framegrid.chain.api.Signatures;
import org.framegrid.chain.web3j.embedded.MessageSignatures;
import org.framegrid.testing.DevKeys;
import org.framegrid.trickle.TrickleServer;
import org.framegrid.trickle.channel.MemorySegmentChannels;
import org.framegrid.trickle.client.TrickleClient;
import org.framegrid.trickle.tls.BoundCertificates;
import org.framegrid.trickle.tls.NodeTrust;

/**
 * Benchmark: what TLS adds to a live segment's bytes on their way through a node, side by side with plain HTTP in one
 * run. A writer publishes a segment as a live encoder does (a 6 KB frame every 40 ms, 25 fps) and a reader that asked
 * for it first reads it as it comes: each frame's time from the writer's hand to the reader's is one sample (two
 * hops: upload into the server, download out of it, as gateway → orchestrator and back). Segments alternate between
 * a plain server and one with a certificate bound to an address, so both see the same load. Prints p50/p95/p99 ms of
 * each and the difference, with the load average. Run (after {@code mvn test-compile}, class path from
 * {@code mvn dependency:build-classpath}):
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.framegrid.trickle.internal.TlsLatencyBench [SEGMENTS]}
 */
public final class TlsLatencyBench {
    private static final int FRAME_BYTES = 6 * 1024;
    private static final int FRAMES = 25;
    private static final long FRAME_MILLIS = 40;

    private TlsLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int segments = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        Signatures key = MessageSignatures.of(DevKeys.ACCOUNT_0);
        Path dir = Files.createTempDirectory("tls-bench");
        NodeTrust trust = new NodeTrust(MessageSignatures.readOnly()::signer);
        try (TrickleServerFactoryComponent factory = new TrickleServerFactoryComponent();
             MemorySegmentChannels channels = new MemorySegmentChannels(5);
             TrickleClient client = new TrickleClient(Duration.ofSeconds(30), trust.context())) {
            TrickleServer plain = factory.start("127.0.0.1", 0, null);
            TrickleServer tls = factory.start("127.0.0.1", 0, BoundCertificates.identity(dir.resolve("tls.key"),
                    key.account(), key::sign));
            trust.expect(tls.baseUri(), key.account());
            plain.serve("live", TrickleServer.MEDIA, channels.open("plain"), true);
            tls.serve("live", TrickleServer.MEDIA, channels.open("tls"), true);
            List<Double> plainMillis = new ArrayList<>();
            List<Double> tlsMillis = new ArrayList<>();
            for (int s = 0; s < segments + 4; s++) { // the first 2 of each are warm-up
                boolean overTls = s % 2 == 1;
                List<Double> samples = segment(client, (overTls ? tls : plain).channelUri("live"), s / 2);
                if (s >= 4) {
                    (overTls ? tlsMillis : plainMillis).addAll(samples);
                }
            }
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            System.out.printf(Locale.ROOT, "%d segments of %d frames each way, %d cores, load average %.1f%n",
                    segments / 2, FRAMES, Runtime.getRuntime().availableProcessors(), load);
            print("plain HTTP", plainMillis);
            print("TLS (bound)", tlsMillis);
            System.out.printf(Locale.ROOT, "TLS adds %+.2f ms at p50, %+.2f ms at p95 per frame (upload + download)%n",
                    pct(tlsMillis, 50) - pct(plainMillis, 50), pct(tlsMillis, 95) - pct(plainMillis, 95));
        }
    }

    /** One live segment: the reader's arrival time of each frame minus its writer's time, in ms. */
    private static List<Double> segment(TrickleClient client, URI channel, long seq) throws Exception {
        long[] written = new long[FRAMES];
        CompletableFuture<List<Double>> reader = CompletableFuture.supplyAsync(() -> {
            List<Double> out = new ArrayList<>();
            try (InputStream in = client.read(channel, seq).bytes()) {
                byte[] frame = new byte[FRAME_BYTES];
                for (int f = 0; f < FRAMES; f++) {
                    in.readNBytes(frame, 0, FRAME_BYTES);
                    int index = ByteBuffer.wrap(frame).getInt();
                    out.add((System.nanoTime() - written[index]) / 1e6);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return out;
        });
        Thread.sleep(50); // the reader waits for the segment, as a gateway's pre-connected GET does
        client.publish(channel, seq, new InputStream() {
            private int frame;
            private int at = FRAME_BYTES;
            private final byte[] bytes = new byte[FRAME_BYTES];

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (at == FRAME_BYTES) {
                    if (frame == FRAMES) {
                        return -1;
                    }
                    try {
                        Thread.sleep(FRAME_MILLIS);
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                    Arrays.fill(bytes, (byte) frame);
                    ByteBuffer.wrap(bytes).putInt(frame);
                    written[frame] = System.nanoTime();
                    frame++;
                    at = 0;
                }
                int n = Math.min(len, FRAME_BYTES - at);
                System.arraycopy(bytes, at, b, off, n);
                at += n;
                return n;
            }
        });
        return reader.get();
    }

    private static void print(String what, List<Double> millis) {
        System.out.printf(Locale.ROOT, "%-12s %5d frames  p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms%n", what,
                millis.size(), pct(millis, 50), pct(millis, 95), pct(millis, 99));
    }

    private static double pct(List<Double> values, int p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
