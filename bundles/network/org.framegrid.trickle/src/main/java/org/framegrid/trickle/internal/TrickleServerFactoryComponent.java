package org.framegrid.trickle.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.framegrid.trickle.TrickleServer;
import org.framegrid.trickle.TrickleServerFactory;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Owns the Netty event loops (one acceptor thread, two I/O threads: the work itself runs on virtual threads) and
 * every server started through it; deactivation closes them all. Also usable without a framework (tests, tools).
 */
@Component(name = "org.framegrid.trickle.servers")
public final class TrickleServerFactoryComponent implements TrickleServerFactory, AutoCloseable {
    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final List<TrickleServer> servers = new CopyOnWriteArrayList<>();

    @Override
    public TrickleServer start(String host, int port, boolean tls) throws IOException {
        NettyTrickleServer s = new NettyTrickleServer(boss, workers, host, port, tls ? selfSigned(host) : null);
        servers.add(s);
        return new TrickleServer() {
            @Override
            public java.net.URI baseUri() {
                return s.baseUri();
            }

            @Override
            public java.net.URI channelUri(String name) {
                return s.channelUri(name);
            }

            @Override
            public void serve(String name, String contentType, org.framegrid.trickle.channel.SegmentChannel channel,
                              boolean publishable) {
                s.serve(name, contentType, channel, publishable);
            }

            @Override
            public boolean unserve(String name) {
                return s.unserve(name);
            }

            @Override
            public void route(String prefix, org.framegrid.trickle.HttpHandler handler) {
                s.route(prefix, handler);
            }

            @Override
            public void close() {
                servers.remove(this);
                s.close();
            }
        };
    }

    /** A fresh self-signed certificate for this host: nodes pin nothing, TLS here gives privacy, not identity. */
    private static SslContext selfSigned(String host) throws IOException {
        try {
            // Self-signed means its own issuer, which the builder only allows for a CA certificate.
            CertificateBuilder b = new CertificateBuilder().subject("CN=framegrid-node").ecp256().setIsCertificateAuthority(true)
                    .addSanDnsName("localhost").addExtendedKeyUsageServerAuth();
            if (host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                b.addSanIpAddress(host);
            } else {
                b.addSanDnsName(host);
            }
            X509Bundle cert = b.buildSelfSigned();
            return SslContextBuilder.forServer(cert.getKeyPair().getPrivate(), cert.getCertificatePath()).build();
        } catch (Exception e) {
            throw new IOException("cannot make a self-signed certificate for " + host + ": " + e.getMessage(), e);
        }
    }

    @Deactivate
    @Override
    public void close() {
        servers.forEach(TrickleServer::close);
        servers.clear();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
