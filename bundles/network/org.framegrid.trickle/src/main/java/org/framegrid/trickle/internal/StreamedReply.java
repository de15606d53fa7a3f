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
import java.io.InterruptedIOException;
import java.io.OutputStream;
import org.framegrid.trickle.HttpReply;

/**
 * A route's reply whose body is written while it is produced: the headers at once, then each write as one chunk,
 * waiting while the reader is slow (back-pressure); the last chunk when the writer returns. A writer that fails, or a
 * reader that went away, ends the connection without the last chunk. Runs on the route's own (virtual) thread.
 */
final class StreamedReply {
    private StreamedReply() {
    }

    static void write(ChannelHandlerContext ctx, boolean keepAlive, HttpReply reply) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()));
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        reply.headers().forEach(head.headers()::set);
        ctx.writeAndFlush(head);
        try {
            reply.streamed().writeTo(new ChunkStream(ctx));
        } catch (IOException | RuntimeException e) {
            ctx.close();
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.close();
            return;
        }
        ChannelFuture f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Each write is one chunk, flushed; a write waits while the connection cannot take more. */
    private static final class ChunkStream extends OutputStream {
        private final ChannelHandlerContext ctx;

        ChunkStream(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!ctx.channel().isActive()) {
                throw new IOException("the reader went away");
            }
            if (len == 0) {
                return;
            }
            ChannelFuture pending = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(b, off, len)));
            if (!ctx.channel().isWritable()) {
                try {
                    pending.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while the reader was slow");
                }
            }
        }
    }
}
