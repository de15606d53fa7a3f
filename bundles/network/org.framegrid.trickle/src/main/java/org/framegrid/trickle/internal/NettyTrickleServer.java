package org.framegrid.trickle.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import org.framegrid.trickle.HttpHandler;
import org.framegrid.trickle.TrickleServer;
import org.framegrid.trickle.channel.SegmentChannel;

/** One listening socket with its channels and routes. Event loops belong to the factory; connections to this. */
final class NettyTrickleServer implements TrickleServer {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    final Map<String, ServedChannel> channels = new ConcurrentHashMap<>();
    /** Longest prefix first, so the first match wins. */
    final Map<String, HttpHandler> routes = new ConcurrentSkipListMap<>((a, b) ->
            a.length() != b.length() ? Integer.compare(b.length(), a.length()) : a.compareTo(b));
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel listener;
    private final URI base;

    final ServerLimits limits;
    final ClientErrors clientErrors = new ClientErrors();
    private final ConnectionsPerAddress perAddress;

    NettyTrickleServer(EventLoopGroup boss, EventLoopGroup workers, String host, int port, SslContext tls,
                       ServerLimits limits) throws IOException {
        this.limits = limits;
        this.perAddress = new ConnectionsPerAddress(limits.connectionsPerAddress());
        ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        InetAddress client = ch.remoteAddress().getAddress();
                        boolean admitted = perAddress.tryOpen(client);
                        if (admitted) {
                            ch.closeFuture().addListener(f -> perAddress.closed(client));
                        }
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpServerExpectContinueHandler());
                        if (!admitted) {
                            ch.pipeline().addLast(new TooManyConnections(perAddress.limit(), clientErrors));
                            return;
                        }
                        ch.pipeline().addLast(new ConnectionTimeouts(limits, clientErrors),
                                new ConnectionHandler(NettyTrickleServer.this));
                    }
                });
        try {
            listener = b.bind(host, port).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + host + ":" + port, e);
        } catch (Exception e) {
            throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        InetSocketAddress bound = (InetSocketAddress) listener.localAddress();
        base = URI.create((tls != null ? "https://" : "http://") + host + ":" + bound.getPort());
        clientErrors.named(base.toString());
    }

    @Override
    public URI baseUri() {
        return base;
    }

    @Override
    public URI channelUri(String name) {
        return base.resolve(TRICKLE_PATH + name);
    }

    @Override
    public void serve(String name, String contentType, SegmentChannel channel, boolean publishable) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("channel name '" + name + "': use letters, digits, '.', '_', '-'");
        }
        if (channels.putIfAbsent(name, new ServedChannel(name, contentType, channel, publishable)) != null) {
            throw new IllegalArgumentException("channel '" + name + "' is already served on " + base);
        }
    }

    @Override
    public boolean unserve(String name) {
        return channels.remove(name) != null;
    }

    @Override
    public void route(String prefix, HttpHandler handler) {
        routes.put(prefix, handler);
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly();
    }
}
