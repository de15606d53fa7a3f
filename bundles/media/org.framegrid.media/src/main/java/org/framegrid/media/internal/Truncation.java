package org.framegrid.media.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a file that was read to its end was cut short (a truncated download or copy), from what its container
 * states against what was read: a read error of the demuxer; a duration the header declares (Matroska/WebM, MP4) that
 * the packets fall well short of; for MPEG-TS, which declares no duration, a last TS packet or a last PES packet of
 * stated length that is incomplete. A file that states nothing (a live WebM, a TS cut exactly between two packets of a
 * stream whose PES packets state no length) cannot be told from a complete one.
 */
public final class Truncation {
    /** Packet sizes of MPEG-TS files: plain, with a 4-byte time code before each (M2TS), with Reed-Solomon bytes. */
    private static final int[] TS_PACKETS = {188, 192, 204};
    /** How many TS packets at the end are looked at for an incomplete PES packet. */
    private static final int TAIL_PACKETS = 4096;

    private Truncation() {
    }

    /**
     * @param reader the file's reader, after it returned its end (still open)
     * @param file the file
     * @return where and how the input ended early, e.g. "at 6.00 s of the 13.01 s its container declares", or null
     *     when nothing says that it did
     */
    public static String of(MediaReader reader, Path file) {
        String at = String.format(Locale.ROOT, "at %.2f s", reader.readNanos() / 1e9);
        if (reader.readError() != null) {
            return at + " (read error: " + reader.readError() + ")";
        }
        long declared = reader.declaredNanos();
        // A header's duration may run past the last packet by a frame or an audio block (one muxer's was 1 s over).
        if (declared > 0 && reader.readNanos() + Math.max(1_500_000_000L, declared / 20) < declared) {
            return at + String.format(Locale.ROOT, " of the %.2f s its container declares", declared / 1e9);
        }
        if (reader.container().equals("mpegts")) {
            try (FileChannel ch = FileChannel.open(file)) {
                String cut = tsEnd(ch);
                return cut == null ? null : at + ": " + cut;
            } catch (IOException e) {
                return null; // it was just read to its end: nothing more to say than the reader did
            }
        }
        return null;
    }

    /** @return how the MPEG-TS file ends incomplete, or null when its last TS and PES packets are whole */
    static String tsEnd(FileChannel ch) throws IOException {
        long size = ch.size();
        ByteBuffer head = read(ch, 0, (int) Math.min(size, 4 * 204));
        int packet = 0;
        for (int n : TS_PACKETS) {
            int sync = n == 192 ? 4 : 0;
            if (head.limit() >= sync + 2 * n + 1 && head.get(sync) == 0x47 && head.get(sync + n) == 0x47
                    && head.get(sync + 2 * n) == 0x47) {
                packet = n;
                break;
            }
        }
        if (packet == 0) {
            return null;
        }
        if (size % packet != 0) {
            return "its last TS packet has " + size % packet + " of its " + packet + " bytes";
        }
        long count = Math.min(size / packet, TAIL_PACKETS);
        ByteBuffer tail = read(ch, size - count * packet, (int) (count * packet));
        // Per PID: the bytes its last PES packet states (-1: no length stated, or none began in the tail) and has.
        Map<Integer, long[]> pes = new HashMap<>();
        for (int p = 0; p + packet <= tail.limit(); p += packet) {
            int ts = p + (packet == 192 ? 4 : 0);
            if (tail.get(ts) != 0x47) {
                return null; // not in step with the packets: nothing to conclude
            }
            int pid = (tail.get(ts + 1) & 0x1f) << 8 | tail.get(ts + 2) & 0xff;
            boolean start = (tail.get(ts + 1) & 0x40) != 0;
            int control = tail.get(ts + 3) >> 4 & 0x3;
            int payload = ts + 4 + ((control & 0x2) != 0 ? 1 + (tail.get(ts + 4) & 0xff) : 0);
            int length = (control & 0x1) != 0 ? ts + 188 - payload : 0;
            if (length <= 0) {
                continue;
            }
            if (start && length >= 6 && tail.get(payload) == 0 && tail.get(payload + 1) == 0
                    && tail.get(payload + 2) == 1) {
                int stated = (tail.get(payload + 4) & 0xff) << 8 | tail.get(payload + 5) & 0xff;
                pes.put(pid, new long[] {stated == 0 ? -1 : stated + 6, length});
            } else if (start) {
                pes.remove(pid); // a table (PAT, PMT, ...), not a PES packet
            } else if (pes.containsKey(pid)) {
                pes.get(pid)[1] += length;
            }
        }
        for (var e : pes.entrySet()) {
            long[] p = e.getValue();
            if (p[0] > 0 && p[1] < p[0]) {
                return "its last PES packet on PID " + e.getKey() + " has " + p[1] + " of its " + p[0] + " bytes";
            }
        }
        return null;
    }

    private static ByteBuffer read(FileChannel ch, long position, int bytes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(bytes);
        while (b.hasRemaining() && ch.read(b, position + b.position()) > 0) {
            // until full or the end
        }
        return b.flip();
    }
}
