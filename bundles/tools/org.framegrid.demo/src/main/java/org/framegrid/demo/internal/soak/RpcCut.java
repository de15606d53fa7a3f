package org.framegrid.demo.internal.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The soak's link between the nodes and the devchain's RPC: a TCP relay on 127.0.0.1 that can be cut (every open
 * connection closed, new ones closed as soon as they are accepted) and restored. Each connection is two virtual
 * threads copying bytes. Close it to stop accepting and drop every connection.
 */
final class RpcCut implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean cut;

    /** Relays a free local port to {@code rpc} (an http://host:port URL). */
    RpcCut(URI rpc) throws IOException {
        this.target = new InetSocketAddress(rpc.getHost(), rpc.getPort());
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().name("soak-rpc-relay").start(this::accept);
    }

    /** @return the RPC URL the nodes are given: this relay */
    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Cuts the link: open connections are closed and new ones refused until {@link #restore()}. */
    void cut() {
        cut = true;
        open.forEach(RpcCut::quietClose);
    }

    void restore() {
        cut = false;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut) {
                    quietClose(client);
                    continue;
                }
                Thread.ofVirtual().name("soak-rpc-connect").start(() -> relay(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket client) {
        Socket upstream = new Socket();
        open.add(client);
        open.add(upstream);
        try {
            upstream.connect(target, 2000);
            Thread back = Thread.ofVirtual().name("soak-rpc-down").start(() -> copy(upstream, client));
            copy(client, upstream);
            back.join();
        } catch (IOException e) {
            // the RPC refused: the client sees its connection closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            quietClose(client);
            quietClose(upstream);
            open.remove(client);
            open.remove(upstream);
        }
    }

    private static void copy(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side closed (or the link was cut): the other goes with it
        } finally {
            quietClose(from);
            quietClose(to);
        }
    }

    private static void quietClose(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
        acceptor.interrupt();
        open.forEach(RpcCut::quietClose);
    }
}
