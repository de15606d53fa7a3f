package org.framegrid.trickle.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.framegrid.trickle.TrickleServer;
import org.framegrid.trickle.TrickleServerFactory;
import org.framegrid.trickle.tls.TlsIdentity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Owns the Netty event loops (one acceptor thread, two I/O threads: the work itself runs on virtual threads) and
 * every server started through it; deactivation closes them all. Also usable without a framework (tests, tools).
 */
@Component(name = "org.framegrid.trickle.servers")
@Designate(ocd = TrickleServerFactoryComponent.Config.class)
public final class TrickleServerFactoryComponent implements TrickleServerFactory, AutoCloseable {

    /** The limits of every server started here (the gateway's developer API and both roles' trickle servers). */
    @ObjectClassDefinition(name = "Framegrid HTTP servers")
    public @interface Config {
        @AttributeDefinition(description = "Milliseconds a connection may stay open with no request in progress. "
                + "Since 0.2.")
        long idle_timeout_millis() default 45_000;

        @AttributeDefinition(description = "Milliseconds from a request's first byte to the end of its headers "
                + "(else 408). Since 0.2.")
        long header_timeout_millis() default 10_000;

        @AttributeDefinition(description = "Longest pause, in milliseconds, within a request body (else 408). "
                + "Since 0.2.")
        long body_timeout_millis() default 15_000;

        @AttributeDefinition(description = "Open connections one client address may hold (more: 429). Since 0.2.")
        int connections_per_address() default 128;

        @AttributeDefinition(description = "Largest segment a client may publish into a channel, in bytes (else "
                + "413). Since 0.2.")
        long segment_max_bytes() default 16L << 20;

        @AttributeDefinition(description = "Milliseconds an answer may wait with none of it taken by the client "
                + "(a download, a trickle subscriber or a response it stopped reading), before the connection is "
                + "closed. Since 0.2.")
        long write_stall_timeout_millis() default 30_000;
    }

    private final ServerLimits limits;
    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final List<TrickleServer> servers = new CopyOnWriteArrayList<>();

    /** With the default limits (tests, tools). */
    public TrickleServerFactoryComponent() {
        this(ServerLimits.DEFAULTS);
    }

    @Activate
    public TrickleServerFactoryComponent(Config config) {
        this(new ServerLimits(config.idle_timeout_millis(), config.header_timeout_millis(),
                config.body_timeout_millis(), config.connections_per_address(), config.segment_max_bytes(),
                config.write_stall_timeout_millis()));
    }

    TrickleServerFactoryComponent(ServerLimits limits) {
        this.limits = limits;
    }

    @Override
    public TrickleServer start(String host, int port, TlsIdentity tls) throws IOException {
        NettyTrickleServer s = new NettyTrickleServer(boss, workers, host, port, tls == null ? null : sslContext(tls),
                limits);
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

    private static SslContext sslContext(TlsIdentity tls) throws IOException {
        try {
            return SslContextBuilder.forServer(tls.key(), tls.chain().toArray(new X509Certificate[0])).build();
        } catch (Exception e) {
            throw new IOException("cannot serve TLS with " + tls + ": " + e.getMessage(), e);
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
