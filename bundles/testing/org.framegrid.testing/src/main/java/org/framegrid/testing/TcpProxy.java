package org.framegrid.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP link on 127.0.0.1 to a server, which a test can break the way networks break: {@link #cut()} drops every
 * connection and refuses new ones until {@link #restore()}; {@link #loseReplyTo(String)} lets the next request that
 * contains a marker reach the server, then loses its reply and cuts (the server acted; the client never heard). The
 * link's threads are daemons and end with {@link #close()}. Thread-safe.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicReference<byte[]> loseReplyMarker = new AtomicReference<>();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean cut;
    private volatile boolean closed;

    private TcpProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A link to {@code port} on 127.0.0.1. */
    public static TcpProxy to(int port) throws IOException {
        return new TcpProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /** A link to the host and port of an {@code http://} URL, e.g. a JSON-RPC node's. */
    public static TcpProxy toUrl(String url) throws IOException {
        java.net.URI uri = java.net.URI.create(url);
        return new TcpProxy(new InetSocketAddress(uri.getHost(), uri.getPort()));
    }

    /** @return the port clients connect to */
    public int port() {
        return server.getLocalPort();
    }

    /** @return {@code http://127.0.0.1:PORT}, the link as an HTTP URL */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Drops every open connection and refuses new ones (an outage) until {@link #restore()}. */
    public void cut() {
        cut = true;
        open.forEach(TcpProxy::quietClose);
        open.clear();
    }

    /** Ends an outage: new connections reach the server again. */
    public void restore() {
        cut = false;
    }

    /** @return whether the link is cut now */
    public boolean isCut() {
        return cut;
    }

    /** @return how many connections the link refused while it was cut (a client's attempts during an outage) */
    public int refused() {
        return refused.get();
    }

    /**
     * The next request whose bytes contain {@code marker} reaches the server; its reply is lost and the link is cut,
     * as if the connection died just after the server acted on it.
     */
    public void loseReplyTo(String marker) {
        loseReplyMarker.set(marker.getBytes(StandardCharsets.US_ASCII));
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (cut) {
                refused.incrementAndGet();
                quietClose(client);
                continue;
            }
            try {
                Socket upstream = new Socket();
                upstream.connect(target, 5_000);
                open.add(client);
                open.add(upstream);
                Connection c = new Connection(client, upstream);
                start(() -> c.pump(client, upstream, true), "up");
                start(() -> c.pump(upstream, client, false), "down");
            } catch (IOException refused) {
                quietClose(client); // the server is down: the client sees its connection closed
            }
        }
    }

    private void start(Runnable pump, String direction) {
        Thread thread = new Thread(pump, "tcp-proxy-" + port() + "-" + direction);
        thread.setDaemon(true);
        thread.start();
    }

    /** One client connection and its upstream; {@code armed} once a request carried the lose-reply marker. */
    private final class Connection {
        private final Socket client;
        private final Socket upstream;
        private volatile boolean armed;

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void pump(Socket from, Socket to, boolean request) {
            byte[] buffer = new byte[16 * 1024];
            byte[] tail = new byte[0]; // the end of the previous chunk, so a marker split across reads is found
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    if (request) {
                        tail = watch(tail, buffer, n);
                    } else if (armed) {
                        cut(); // the server answered: the answer is lost with the link
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // One side closed or the link was cut: close both below.
            } finally {
                quietClose(client);
                quietClose(upstream);
                open.remove(client);
                open.remove(upstream);
            }
        }

        private byte[] watch(byte[] tail, byte[] chunk, int n) {
            byte[] marker = loseReplyMarker.get();
            if (marker == null) {
                return tail;
            }
            byte[] seen = new byte[tail.length + n];
            System.arraycopy(tail, 0, seen, 0, tail.length);
            System.arraycopy(chunk, 0, seen, tail.length, n);
            if (new String(seen, StandardCharsets.ISO_8859_1).contains(new String(marker, StandardCharsets.ISO_8859_1))
                    && loseReplyMarker.compareAndSet(marker, null)) {
                armed = true;
                return new byte[0];
            }
            int keep = Math.min(seen.length, marker.length - 1);
            return java.util.Arrays.copyOfRange(seen, seen.length - keep, seen.length);
        }
    }

    private static void quietClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all that is left to do
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // the accept thread ends either way
        }
        cut();
    }
}
