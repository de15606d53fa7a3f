package org.framegrid.trickle.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.framegrid.trickle.HttpCall;
import org.framegrid.trickle.HttpHandler;
import org.framegrid.trickle.HttpReply;
import org.framegrid.trickle.TrickleServer;
import org.framegrid.trickle.channel.ChannelFullException;
import org.framegrid.trickle.channel.SegmentWriter;

/**
 * One connection's requests, as Netty hands them over: trickle channel requests (publish, read, close) and route
 * calls. Uploads are written into the channel as their chunks arrive (readers see the bytes at once); downloads
 * ({@link SegmentDownload}) and route handlers run on virtual threads, because they block (waiting for a segment, a
 * pipeline start) and the event loop must not.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private final NettyTrickleServer server;
    private SegmentWriter upload;
    private long uploadSequence;
    private String uploadName;
    private long uploadBytes;
    private ByteArrayOutputStream body;
    private HttpRequest request;
    private HttpHandler handler;
    private boolean discard;

    ConnectionHandler(NettyTrickleServer server) {
        this.server = server;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest r) {
                begin(ctx, r);
            }
            if (msg instanceof HttpContent c) {
                content(ctx, c);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void begin(ChannelHandlerContext ctx, HttpRequest r) {
        request = r;
        discard = false;
        if (!r.decoderResult().isSuccess()) {
            refuse(ctx, r, HttpReply.text(400, "malformed request: " + r.decoderResult().cause()), true);
            return;
        }
        String path = new QueryStringDecoder(r.uri()).path();
        if (path.startsWith(TrickleServer.TRICKLE_PATH)) {
            trickle(ctx, r, path.substring(TrickleServer.TRICKLE_PATH.length()));
            return;
        }
        for (Map.Entry<String, HttpHandler> e : server.routes.entrySet()) {
            if (path.startsWith(e.getKey())) {
                handler = e.getValue();
                body = new ByteArrayOutputStream();
                return;
            }
        }
        discard = true;
        Responses.reply(ctx, r, HttpReply.text(404, r.method() + " " + path + ": no such resource"));
    }

    private void trickle(ChannelHandlerContext ctx, HttpRequest r, String rest) {
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        ServedChannel ch = server.channels.get(name);
        discard = true; // unless an upload starts below
        if (ch == null) {
            Responses.reply(ctx, r, Responses.closed(404, "channel '" + name + "' does not exist"));
            return;
        }
        HttpMethod m = r.method();
        if (m.equals(HttpMethod.DELETE) && slash < 0) {
            ch.channel.close();
            Responses.reply(ctx, r, HttpReply.text(200, "closed " + name));
            return;
        }
        long seq;
        try {
            seq = Long.parseLong(rest.substring(slash + 1));
        } catch (RuntimeException e) {
            Responses.reply(ctx, r, HttpReply.text(400, "'" + rest + "': expected CHANNEL/SEQUENCE with a number"));
            return;
        }
        if (m.equals(HttpMethod.GET)) {
            boolean keepAlive = HttpUtil.isKeepAlive(r);
            Thread.ofVirtual().name("trickle-get-" + name + "/" + seq).start(() -> SegmentDownload.run(ctx, ch, seq, keepAlive));
        } else if (m.equals(HttpMethod.POST) || m.equals(HttpMethod.PUT)) {
            if (!ch.publishable) {
                Responses.reply(ctx, r, HttpReply.text(405, "channel '" + name + "' is written by this node, not over HTTP"));
                return;
            }
            long declared = HttpUtil.getContentLength(r, -1L);
            if (declared > server.limits.segmentBytes()) {
                refuseSegment(ctx, name + "/" + seq + ": " + declared + " bytes, over the "
                        + server.limits.segmentBytes() + " a segment may hold here");
                return;
            }
            SegmentWriter w;
            try {
                w = ch.publish(seq);
            } catch (IllegalStateException closed) {
                Responses.reply(ctx, r, Responses.closed(404, "channel '" + name + "' is closed"));
                return;
            }
            if (w == null) {
                long next = ch.nextPublish();
                Responses.reply(ctx, r, new HttpReply(409, "text/plain; charset=utf-8", Map.of(TrickleServer.SEQ_HEADER,
                        Long.toString(next)), (name + "/" + seq + ": the next segment is " + next + "\n")
                        .getBytes(StandardCharsets.UTF_8)));
                return;
            }
            discard = false;
            upload = w;
            uploadSequence = ch.nextPublish() - 1;
            uploadName = name;
            uploadBytes = 0;
        } else {
            Responses.reply(ctx, r, HttpReply.text(405, m + " is not allowed on a trickle channel"));
        }
    }

    private void content(ChannelHandlerContext ctx, HttpContent c) {
        ByteBuf buf = c.content();
        boolean last = c instanceof LastHttpContent;
        if (upload != null) {
            uploadBytes += buf.readableBytes();
            if (uploadBytes > server.limits.segmentBytes()) {
                abortUpload();
                refuseSegment(ctx, uploadName + "/" + uploadSequence + ": over the " + server.limits.segmentBytes()
                        + " bytes a segment may hold here");
                return;
            }
            try {
                if (buf.isReadable()) {
                    byte[] bytes = new byte[buf.readableBytes()];
                    buf.readBytes(bytes);
                    upload.write(bytes, 0, bytes.length);
                }
                if (last) {
                    upload.close();
                }
            } catch (ChannelFullException full) {
                abortUpload();
                refuseSegment(ctx, full.getMessage());
                return;
            } catch (IOException | RuntimeException e) {
                abortUpload();
                discard = true;
                Responses.reply(ctx, request, HttpReply.text(500, "segment " + uploadSequence + ": " + e.getMessage()));
                return;
            }
            if (last) {
                upload = null;
                Responses.reply(ctx, request, new HttpReply(200, "text/plain; charset=utf-8",
                        Map.of(TrickleServer.SEQ_HEADER, Long.toString(uploadSequence)), new byte[0]));
            }
            return;
        }
        if (discard || body == null) {
            return;
        }
        if (body.size() + buf.readableBytes() > HttpCall.MAX_BODY) {
            body = null;
            refuse(ctx, request, HttpReply.text(413, "request body over " + HttpCall.MAX_BODY + " bytes"), true);
            return;
        }
        byte[] part = new byte[buf.readableBytes()];
        buf.readBytes(part);
        body.writeBytes(part);
        if (last) {
            HttpRequest r = request;
            HttpHandler h = handler;
            byte[] bytes = body.toByteArray();
            body = null;
            Thread.ofVirtual().name("http-route").start(() -> dispatch(ctx, r, h, bytes));
        }
    }

    /** A segment too large for the server or its channel: 413, and the connection closes (the rest is not read). */
    private void refuseSegment(ChannelHandlerContext ctx, String why) {
        refuse(ctx, request, HttpReply.text(413, why), true);
    }

    /**
     * Answers a request the server refuses, logging one line (rate-limited); the rest of its body is ignored, or with
     * {@code close} not read at all.
     */
    private void refuse(ChannelHandlerContext ctx, HttpRequest r, HttpReply reply, boolean close) {
        discard = true;
        logRefused(ctx, r, reply);
        if (close) {
            Responses.write(ctx, false, reply);
        } else {
            Responses.reply(ctx, r, reply);
        }
    }

    private void dispatch(ChannelHandlerContext ctx, HttpRequest r, HttpHandler h, byte[] bytes) {
        QueryStringDecoder q = new QueryStringDecoder(r.uri());
        Map<String, String> query = new HashMap<>();
        q.parameters().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
        Map<String, String> headers = new HashMap<>();
        r.headers().forEach(e -> headers.putIfAbsent(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue()));
        HttpReply reply;
        try {
            reply = h.handle(new HttpCall(r.method().name(), q.path(), query, headers, bytes));
        } catch (Exception e) {
            server.clientErrors.server(r.method() + " " + q.path() + " failed", e);
            reply = HttpReply.text(500, r.method() + " " + q.path() + ": " + e);
        }
        if (reply.status() >= 400 && reply.status() < 500 && reply.status() != 404) {
            logRefused(ctx, r, reply); // 404 is a normal answer of the APIs: a stream that ended
        }
        Responses.reply(ctx, r, reply);
    }

    /** A client's mistake: one line (rate-limited) naming the request, the client and the reason. */
    private void logRefused(ChannelHandlerContext ctx, HttpRequest r, HttpReply reply) {
        server.clientErrors.client(reply.status() + " " + r.method() + " " + new QueryStringDecoder(r.uri()).path()
                + " from " + ctx.channel().remoteAddress() + ": "
                + new String(reply.body(), StandardCharsets.UTF_8).strip());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        abortUpload();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        abortUpload();
        ctx.close();
    }

    /** The publisher went away mid-segment: readers get what arrived, then "truncated" (never a replay). */
    private void abortUpload() {
        if (upload != null) {
            upload.abort();
            upload = null;
        }
    }
}
