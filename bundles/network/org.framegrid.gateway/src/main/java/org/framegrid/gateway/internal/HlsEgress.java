package org.framegrid.gateway.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.framegrid.trickle.HttpCall;
import org.framegrid.trickle.HttpHandler;
import org.framegrid.trickle.HttpReply;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.json.JsonRoutes;

/**
 * HLS playback of every stream's output: {@code GET /hls/ID/index.m3u8} and {@code /hls/ID/SEQ.ts}. The output's
 * MPEG-TS segments already start on a key frame, so they are served as they are (no remux): each stream keeps its last
 * {@link #KEPT_SEGMENTS} complete segments in memory; the playlist gains {@code #EXT-X-ENDLIST} when the stream ends,
 * and the last {@link #KEPT_ENDED} ended streams stay readable. Thread-safe.
 */
final class HlsEgress implements HttpHandler {
    static final String PREFIX = "/hls/";
    static final int KEPT_SEGMENTS = 60;
    static final int KEPT_ENDED = 8;

    /** One stream's recording, filled by a virtual thread from its output channel. */
    private static final class Recording {
        private final Deque<Piece> pieces = new ArrayDeque<>();
        /** The stream stopped: what its channel still holds is read, then the recording is complete. */
        private volatile boolean stopping;
        private volatile boolean complete;

        private record Piece(long sequence, double seconds, byte[] bytes) {
        }

        void record(SegmentChannel channel) {
            long next = 0;
            try {
                while (true) {
                    SegmentChannel.Segment s = channel.await(next, 200, TimeUnit.MILLISECONDS);
                    if (s == null && stopping) {
                        break;
                    }
                    if (s == null) {
                        continue;
                    }
                    next = s.sequence() + 1;
                    byte[] bytes;
                    try {
                        bytes = s.bytes().readAllBytes();
                    } catch (IOException aborted) {
                        continue; // cut by a failover: not a playable segment
                    }
                    synchronized (pieces) {
                        pieces.addLast(new Piece(s.sequence(), TsDuration.seconds(bytes), bytes));
                        if (pieces.size() > KEPT_SEGMENTS) {
                            pieces.removeFirst();
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                complete = true;
            }
        }

        String playlist() {
            StringBuilder body = new StringBuilder();
            double longest = 1;
            long first = 0;
            synchronized (pieces) {
                if (!pieces.isEmpty()) {
                    first = pieces.peekFirst().sequence;
                }
                for (Piece p : pieces) {
                    longest = Math.max(longest, p.seconds);
                    body.append(String.format("#EXTINF:%.3f,%n%d.ts%n", p.seconds, p.sequence));
                }
            }
            return "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:" + (int) Math.ceil(longest)
                    + "\n#EXT-X-MEDIA-SEQUENCE:" + first + "\n" + body + (complete ? "#EXT-X-ENDLIST\n" : "");
        }

        byte[] segment(long sequence) {
            synchronized (pieces) {
                for (Piece p : pieces) {
                    if (p.sequence == sequence) {
                        return p.bytes;
                    }
                }
            }
            return null;
        }
    }

    private final Map<String, Recording> live = new LinkedHashMap<>();
    private final Map<String, Recording> ended = new LinkedHashMap<>();

    /** Stream {@code id} started: its output is recorded from now on. */
    void started(String id, SegmentChannel output) {
        Recording r = new Recording();
        synchronized (this) {
            live.put(id, r);
        }
        Thread.ofVirtual().name("hls-" + id).start(() -> r.record(output));
    }

    /** Stream {@code id} stopped: its playlist ends; it stays readable among the last ended ones. */
    synchronized void stopped(String id) {
        Recording r = live.remove(id);
        if (r != null) {
            r.stopping = true;
            ended.put(id, r);
            if (ended.size() > KEPT_ENDED) {
                ended.remove(ended.keySet().iterator().next());
            }
        }
    }

    private synchronized Recording recording(String id) {
        Recording r = live.get(id);
        return r != null ? r : ended.get(id);
    }

    @Override
    public HttpReply handle(HttpCall call) {
        String[] parts = call.path().substring(PREFIX.length()).split("/");
        Recording r = parts.length == 2 && call.method().equals("GET") ? recording(parts[0]) : null;
        if (r == null) {
            return JsonRoutes.error(404, call.method() + " " + call.path() + ": no such HLS stream");
        }
        if (parts[1].equals("index.m3u8")) {
            return new HttpReply(200, "application/vnd.apple.mpegurl", Map.of("Cache-Control", "no-cache"),
                    r.playlist().getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = parts[1].matches("\\d{1,18}\\.ts")
                ? r.segment(Long.parseLong(parts[1].substring(0, parts[1].length() - 3))) : null;
        if (bytes == null) {
            return JsonRoutes.error(404, "GET " + call.path() + ": no such segment (kept: the last " + KEPT_SEGMENTS
                    + ")");
        }
        return new HttpReply(200, "video/MP2T", Map.of(), bytes);
    }
}
