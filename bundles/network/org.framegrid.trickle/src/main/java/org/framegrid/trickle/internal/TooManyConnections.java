package org.framegrid.trickle.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import org.framegrid.trickle.HttpReply;

/** A connection over its address's limit: answered 429 at once and closed, whatever it sends. */
final class TooManyConnections extends ChannelInboundHandlerAdapter {
    private final int limit;
    private final ClientErrors errors;

    TooManyConnections(int limit, ClientErrors errors) {
        this.limit = limit;
        this.errors = errors;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        String who = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
        String why = who + " already holds " + limit + " connections, the most one address may";
        errors.client("429 " + why);
        Responses.write(ctx, false, HttpReply.text(429, why));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }
}
