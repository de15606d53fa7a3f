package org.framegrid.stage.generator.internal;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameCode;
import org.framegrid.api.frame.PixelFormat;

/**
 * The frame code as blocks in the picture: 4 rows of 24 black or white blocks one block in from the top-left corner,
 * carrying the frame number (24 bits), the capture time (32 bits of 100 µs), the last app event (24 bits) and a
 * CRC-16 of those 80 bits. Drawn into the pixels rather than carried as side data because every hop between source and
 * viewer keeps pixels and drops the rest: the encoder, the network, a decoder and re-encoder on the orchestrator, a
 * resize. A block is 1/64 of the width by 1/36 of the height (10x10 at 640x360), so the code scales with the picture;
 * big binary blocks survive H.264 at live bitrates, and the reader samples only the middle of each block.
 */
final class FrameCodes {
    static final int COLUMNS = 24;
    static final int ROWS = 4;
    private static final int BYTES = COLUMNS * ROWS / 8;
    private static final long TIME_UNIT_MICROS = 100;
    private static final int BLACK = 0;
    private static final int WHITE = 255;

    private FrameCodes() {
    }

    /** Draws {@code code} into {@code f}; a frame under 128x72 pixels has no room for it and is left as it is. */
    static void draw(Frame f, FrameCode code) {
        if (!fits(f)) {
            return;
        }
        byte[] bytes = new byte[BYTES];
        put(bytes, 0, code.frame(), 3);
        put(bytes, 3, code.captureMicros() / TIME_UNIT_MICROS, 4);
        put(bytes, 7, code.event(), 3);
        put(bytes, 10, crc16(bytes, 10), 2);
        for (int i = 0; i < COLUMNS * ROWS; i++) {
            boolean one = (bytes[i / 8] >> (7 - i % 8) & 1) != 0;
            Block b = block(f, i);
            Pixels.fill(f, b.x0, b.y0, b.x1, b.y1, one ? WHITE : BLACK);
        }
    }

    /**
     * Reads the code of {@code f}.
     *
     * @param nowMicros the reader's clock (microseconds since the epoch): the capture time is restored against it
     * @return the code, or {@code null} when the frame carries none (too small, or the checksum does not match)
     */
    static FrameCode read(Frame f, long nowMicros) {
        if (!fits(f)) {
            return null;
        }
        byte[] bytes = new byte[BYTES];
        for (int i = 0; i < COLUMNS * ROWS; i++) {
            Block b = block(f, i);
            int qx = (b.x1 - b.x0) / 4;
            int qy = (b.y1 - b.y0) / 4;
            if (Pixels.meanLuma(f, b.x0 + qx, b.y0 + qy, b.x1 - qx, b.y1 - qy) >= 128) {
                bytes[i / 8] |= (byte) (1 << (7 - i % 8));
            }
        }
        if (get(bytes, 10, 2) != crc16(bytes, 10)) {
            return null;
        }
        long nowUnits = nowMicros / TIME_UNIT_MICROS;
        long behind = (nowUnits - get(bytes, 3, 4)) & 0xFFFF_FFFFL;
        if (behind > 0x7FFF_FFFFL) {
            behind -= 0x1_0000_0000L; // a capture a moment ahead of this clock's reading, not five days behind it
        }
        return new FrameCode(get(bytes, 0, 3), (nowUnits - behind) * TIME_UNIT_MICROS, get(bytes, 7, 3));
    }

    /**
     * @return the wall clock in microseconds since the epoch, at the code's resolution (100 µs): what capture times
     *     are measured on, so that the code a source attaches equals the one a reader reads
     */
    static long nowMicros() {
        Instant now = Clock.systemUTC().instant();
        long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
        return micros - micros % TIME_UNIT_MICROS;
    }

    private static boolean fits(Frame f) {
        return f.width() >= 128 && f.height() >= 72 && f.format() != PixelFormat.TENSOR_F32;
    }

    private record Block(int x0, int y0, int x1, int y1) {
    }

    /** Block {@code i} (row-major), one block in from the corner, in pixels of this frame. */
    private static Block block(Frame f, int i) {
        double w = f.width() / 64.0;
        double h = f.height() / 36.0;
        int c = 1 + i % COLUMNS;
        int r = 1 + i / COLUMNS;
        return new Block((int) Math.round(c * w), (int) Math.round(r * h), (int) Math.round((c + 1) * w),
                (int) Math.round((r + 1) * h));
    }

    private static void put(byte[] b, int at, long value, int n) {
        for (int k = 0; k < n; k++) {
            b[at + k] = (byte) (value >> (8 * (n - 1 - k)));
        }
    }

    private static long get(byte[] b, int at, int n) {
        long v = 0;
        for (int k = 0; k < n; k++) {
            v = v << 8 | (b[at + k] & 0xFF);
        }
        return v;
    }

    /** CRC-16/CCITT-FALSE: one bit error in 65,536 random pictures passes it, none of the blocks' usual damage. */
    static int crc16(byte[] b, int n) {
        int crc = 0xFFFF;
        for (int k = 0; k < n; k++) {
            crc ^= (b[k] & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xFFFF;
    }

    /** Reads and fills luma in any pixel format but tensors; chroma of a filled area becomes neutral grey. */
    static final class Pixels {
        private Pixels() {
        }

        static void fill(Frame f, int x0, int y0, int x1, int y1, int v) {
            ByteBuffer d = f.data();
            byte b = (byte) v;
            int bpp = f.format().elementBytes(0);
            for (int y = y0; y < y1; y++) {
                int row = f.offset(0) + y * f.stride(0);
                for (int x = x0; x < x1; x++) {
                    for (int k = 0; k < Math.min(bpp, 3); k++) {
                        d.put(row + x * bpp + k, b);
                    }
                    if (bpp == 4) {
                        d.put(row + x * bpp + 3, (byte) 255);
                    }
                }
            }
            if (f.format() == PixelFormat.I420 || f.format() == PixelFormat.NV12) {
                for (int p = 1; p < f.format().planes(); p++) {
                    int ebytes = f.format().elementBytes(p);
                    for (int y = y0 / 2; y < (y1 + 1) / 2; y++) {
                        int row = f.offset(p) + y * f.stride(p);
                        for (int x = x0 / 2 * ebytes; x < (x1 + 1) / 2 * ebytes; x++) {
                            d.put(row + x, (byte) 128);
                        }
                    }
                }
            }
        }

        static int meanLuma(Frame f, int x0, int y0, int x1, int y1) {
            ByteBuffer d = f.data();
            PixelFormat fmt = f.format();
            int bpp = fmt.elementBytes(0);
            long sum = 0;
            int n = 0;
            for (int y = y0; y < Math.max(y1, y0 + 1); y++) {
                int row = f.offset(0) + y * f.stride(0);
                for (int x = x0; x < Math.max(x1, x0 + 1); x++) {
                    int i = row + x * bpp;
                    sum += switch (fmt) {
                        case RGB24, RGBA -> (77 * (d.get(i) & 0xFF) + 150 * (d.get(i + 1) & 0xFF)
                                + 29 * (d.get(i + 2) & 0xFF)) >> 8;
                        case BGR24 -> (29 * (d.get(i) & 0xFF) + 150 * (d.get(i + 1) & 0xFF)
                                + 77 * (d.get(i + 2) & 0xFF)) >> 8;
                        default -> d.get(i) & 0xFF; // GRAY8, and the Y plane of I420 and NV12
                    };
                    n++;
                }
            }
            return (int) (sum / n);
        }
    }
}
