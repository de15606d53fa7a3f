package org.framegrid.gateway.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.framegrid.trickle.HttpReply;
import org.framegrid.trickle.channel.SegmentChannel;

/**
 * A stream's processed output as one continuous MPEG-TS body over plain HTTP ({@code GET /v1/streams/ID/output.ts}),
 * for players that take a URL (ffplay, VLC, ffmpeg): the output's segments one after another, each sent while it
 * arrives, from the live edge (a segment starts on a key frame; the first one if none has come yet) until the stream
 * ends. The segments are one encoder's, so the timestamps run on across them. A segment cut by a failover is sent as
 * far as it came, and the next one starts clean on a key frame. A reader that falls behind the kept segments skips to
 * the oldest one kept.
 */
final class TsOutput {
    /** How long a reader waits for the first or the next segment before it checks again whether the stream ended. */
    private static final long WAIT_MILLIS = 1_000;

    private TsOutput() {
    }

    static HttpReply reply(SegmentChannel output) {
        return HttpReply.streamed(200, "video/MP2T", Map.of("Cache-Control", "no-cache"), out -> copy(output, out));
    }

    private static void copy(SegmentChannel output, OutputStream out) throws IOException, InterruptedException {
        SegmentChannel.Segment s = output.latest(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        while (s == null && !output.closed()) {
            s = output.latest(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        }
        byte[] buf = new byte[64 * 1024];
        while (s != null) {
            send(s.bytes(), out, buf);
            long next = s.sequence() + 1;
            s = output.await(next, WAIT_MILLIS, TimeUnit.MILLISECONDS);
            while (s == null && !output.closed()) {
                s = output.await(next, WAIT_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Sends one segment as it arrives; one cut by a failover is sent as far as it came. */
    private static void send(InputStream segment, OutputStream out, byte[] buf) throws IOException {
        try (InputStream in = segment) {
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException cut) {
                    return; // the next segment starts clean, on a key frame
                }
                if (n < 0) {
                    return;
                }
                out.write(buf, 0, n); // fails when the reader went away: the reply ends
            }
        }
    }
}
