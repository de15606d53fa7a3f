package org.framegrid.trickle.internal;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.framegrid.trickle.HttpReply;

/**
 * The idle, header and body timeouts of one connection (see {@link ServerLimits}), after the HTTP codec in its
 * pipeline. It follows where the connection is: waiting for a request (idle), receiving headers (from their first
 * byte; the codec fires a read-complete for bytes that make no message yet), receiving a body (the pause since its
 * last chunk), or answering (no limit: a GET waits for its segment, a route may start a pipeline). A periodic check
 * on the connection's event loop closes it when its phase ran too long; headers and bodies get a 408 first. In any
 * phase, an answer the client stopped reading (writes waiting, none completed for the write-stall limit) closes the
 * connection with one line: the writers wait while it is not writable, so until then it holds at most Netty's
 * high-water mark and a chunk.
 * Event-loop thread only, except that responses may be written from other threads (their completion comes back here).
 */
final class ConnectionTimeouts extends ChannelDuplexHandler {
    private enum Phase { IDLE, HEADERS, BODY, ANSWERING }

    private final ServerLimits limits;
    private final ClientErrors errors;
    private Phase phase = Phase.IDLE;
    /** When the current phase started, or for a body, when its last chunk came. */
    private long sinceNanos = System.nanoTime();
    private boolean requestDone;
    private boolean responseDone;
    private ScheduledFuture<?> check;
    /** Writes not completed yet, and when one last completed (or the first of them began). */
    private int pendingWrites;
    private long writtenNanos;

    ConnectionTimeouts(ServerLimits limits, ClientErrors errors) {
        this.limits = limits;
        this.errors = errors;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long shortest = Math.min(Math.min(limits.headerMillis(), limits.bodyMillis()),
                Math.min(limits.idleMillis(), limits.writeStallMillis()));
        long tick = Math.clamp(shortest / 4, 10, 1000);
        check = ctx.executor().scheduleAtFixedRate(() -> check(ctx), tick, tick, TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        check.cancel(false);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            enter(Phase.BODY);
            requestDone = false;
            responseDone = false;
        }
        if (msg instanceof HttpContent) {
            sinceNanos = System.nanoTime();
            if (msg instanceof LastHttpContent) {
                requestDone = true;
                enter(responseDone ? Phase.IDLE : Phase.ANSWERING);
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (phase == Phase.IDLE) {
            enter(Phase.HEADERS); // bytes came that make no request yet
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        promise = promise.unvoid();
        if (pendingWrites++ == 0) {
            writtenNanos = System.nanoTime();
        }
        promise.addListener(f -> {
            pendingWrites--;
            writtenNanos = System.nanoTime();
        });
        if (msg instanceof LastHttpContent) {
            promise.addListener(f -> {
                responseDone = true;
                if (requestDone && phase == Phase.ANSWERING) {
                    enter(Phase.IDLE);
                }
            });
        }
        ctx.write(msg, promise);
    }

    private void enter(Phase next) {
        phase = next;
        sinceNanos = System.nanoTime();
    }

    private void check(ChannelHandlerContext ctx) {
        long stalled = (System.nanoTime() - writtenNanos) / 1_000_000;
        if (pendingWrites > 0 && stalled > limits.writeStallMillis() && ctx.channel().isOpen()) {
            ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
            errors.client("closed " + ctx.channel().remoteAddress() + ": it took none of its answer for over "
                    + limits.writeStallMillis() + " ms (" + (out == null ? 0 : out.totalPendingWriteBytes())
                    + " bytes waiting)");
            ctx.close();
            return;
        }
        long millis = (System.nanoTime() - sinceNanos) / 1_000_000;
        switch (phase) {
            case IDLE -> {
                if (millis > limits.idleMillis()) {
                    ctx.close();
                }
            }
            case HEADERS -> {
                if (millis > limits.headerMillis()) {
                    timeout(ctx, "request headers not complete within " + limits.headerMillis() + " ms");
                }
            }
            case BODY -> {
                if (millis > limits.bodyMillis()) {
                    timeout(ctx, "request body paused for over " + limits.bodyMillis() + " ms");
                }
            }
            case ANSWERING -> {
                // no limit: the answer may wait for a segment or a pipeline start
            }
        }
    }

    /** Answers 408 (the client may be reading) and closes; an upload in progress is aborted as the channel closes. */
    private void timeout(ChannelHandlerContext ctx, String why) {
        phase = Phase.ANSWERING; // once
        errors.client("408 from " + ctx.channel().remoteAddress() + ": " + why);
        Responses.write(ctx, false, HttpReply.text(408, why));
    }
}
