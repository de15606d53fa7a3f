package org.framegrid.trickle.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.framegrid.trickle.HttpReply;
import org.framegrid.trickle.TrickleServer;
import org.framegrid.trickle.channel.SegmentChannel;

/**
 * A GET of one segment: the response headers as soon as the segment exists (waiting for it if it does not yet:
 * pre-connect, a slow publisher), then its bytes as they are written, chunk by chunk, with back-pressure from a slow
 * reader. A segment its writer aborted ends the connection without the last chunk: the reader sees a truncated body.
 */
final class SegmentDownload {
    /** How long a GET waits for a segment that does not exist yet. */
    static final long GET_WAIT_MILLIS = 30_000;

    private SegmentDownload() {
    }

    /** Streams segment {@code seq} (-1: the live edge) of {@code ch}; runs on a virtual thread of its own. */
    static void run(ChannelHandlerContext ctx, ServedChannel ch, long seq, boolean keepAlive) {
        try {
            long start = System.nanoTime();
            SegmentChannel.Segment s = seq < 0 ? ch.channel.latest(GET_WAIT_MILLIS, TimeUnit.MILLISECONDS)
                    : ch.channel.await(seq, GET_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            if (s == null) {
                boolean timedOut = System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(GET_WAIT_MILLIS);
                HttpReply r = timedOut ? HttpReply.text(404, ch.name + "/" + seq + ": no segment within "
                        + GET_WAIT_MILLIS + " ms") : Responses.closed(404, "channel '" + ch.name + "' is closed");
                Responses.write(ctx, keepAlive, r);
                return;
            }
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, ch.contentType)
                    .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
                    .set(TrickleServer.SEQ_HEADER, s.sequence());
            ctx.writeAndFlush(head);
            InputStream in = s.bytes();
            byte[] chunk = new byte[32 * 1024];
            int n;
            try {
                while ((n = in.read(chunk)) >= 0) {
                    if (!ctx.channel().isActive()) {
                        return; // the reader went away
                    }
                    if (n > 0) {
                        ChannelFuture pending = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(chunk, 0, n)));
                        if (!ctx.channel().isWritable()) {
                            pending.await(); // back-pressure: a slow reader must not make us buffer the segment twice
                        }
                    }
                }
            } catch (IOException truncated) {
                // The writer gave up on this segment: end the response without its last chunk, so the reader sees
                // a truncated body rather than a short but complete-looking segment.
                ctx.close();
                return;
            }
            ChannelFuture f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        } catch (InterruptedException e) {
            ctx.close();
        }
    }

}
