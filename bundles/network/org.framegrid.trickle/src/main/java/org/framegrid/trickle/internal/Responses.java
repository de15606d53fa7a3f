package org.framegrid.trickle.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.framegrid.trickle.HttpReply;
import org.framegrid.trickle.TrickleServer;

/** Writes whole replies on a connection, keeping it open when the request asked to. */
final class Responses {
    private Responses() {
    }

    /** @return a reply that tells a reader the channel is closed (no further segments) */
    static HttpReply closed(int status, String message) {
        return new HttpReply(status, "text/plain; charset=utf-8", Map.of(TrickleServer.CLOSED_HEADER, "true"),
                (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static void reply(ChannelHandlerContext ctx, HttpRequest r, HttpReply reply) {
        write(ctx, HttpUtil.isKeepAlive(r), reply);
    }

    static void write(ChannelHandlerContext ctx, boolean keepAlive, HttpReply reply) {
        if (reply.streamed() != null) {
            StreamedReply.write(ctx, keepAlive, reply);
            return;
        }
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        reply.headers().forEach(res.headers()::set);
        if (!keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ChannelFuture f = ctx.writeAndFlush(res);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
