package org.framegrid.media.internal;

import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Write_packet_Pointer_BytePointer_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * FFmpeg custom I/O over Java streams, so that demuxing reads bytes as they arrive (a live segment is decoded while it
 * is still being received) and muxing writes each segment straight into its channel.
 *
 * <p>Why static callbacks: every JavaCPP callback instance holds a native thunk and JavaCPP allows only a few per class,
 * so there is one read and one write callback for the whole bundle, and each I/O context finds its stream through the
 * {@code opaque} pointer (as JavaCV does). {@link #release()} (called by {@link NativeCallbacks} when the bundle stops) frees the thunks, so an updated
 * bundle does not leave the old class loader pinned by native global references.
 */
final class Avio implements AutoCloseable {
    private static final int BUFFER = 32 * 1024;
    private static final Map<Long, Avio> OPEN = new ConcurrentHashMap<>();
    private static volatile Read_packet_Pointer_BytePointer_int read;
    private static volatile Write_packet_Pointer_BytePointer_int write;

    private final InputStream in;
    private final OutputStream out;
    private final BytePointer key = new BytePointer(1);
    private byte[] scratch = new byte[BUFFER];
    private volatile IOException failure;
    private long filled;
    private AVIOContext context;

    private Avio(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
        OPEN.put(key.address(), this);
        BytePointer buffer = new BytePointer(av_malloc(BUFFER)).capacity(BUFFER);
        context = out == null
                ? avio_alloc_context(buffer, BUFFER, 0, key, reader(), null, null)
                : avio_alloc_context(buffer, BUFFER, 1, key, null, writer(), null);
    }

    /** @return a read-only, non-seekable I/O context over {@code in} */
    static Avio reading(InputStream in) {
        return new Avio(in, null);
    }

    /** @return a write-only, non-seekable I/O context into {@code out} */
    static Avio writing(OutputStream out) {
        return new Avio(null, out);
    }

    AVIOContext context() {
        return context;
    }

    /**
     * @return bytes of the input already here and not yet demuxed: what FFmpeg's buffer holds plus what the stream
     *     says it has ({@link InputStream#available()}); for a live reader, bytes of later frames mean it is behind
     */
    long pendingBytes() throws IOException {
        return buffered() + in.available();
    }

    /** @return bytes FFmpeg has demuxed so far */
    long consumedBytes() {
        return filled - buffered();
    }

    private long buffered() {
        return Math.max(0, context.buf_end().address() - context.buf_ptr().address());
    }

    /** @return the exception the Java stream threw, if any: a truncated segment shows up here */
    IOException failure() {
        return failure;
    }

    @Override
    public void close() {
        OPEN.remove(key.address());
        if (context != null) {
            // FFmpeg may have replaced the buffer it was given; free the one it holds now.
            av_free(context.buffer());
            context.buffer(null);
            avio_context_free(context);
            context = null;
        }
        key.close();
    }

    /** Frees the native callback thunks; called when the bundle's media component deactivates. */
    static synchronized void release() {
        if (read != null) {
            read.close();
            read = null;
        }
        if (write != null) {
            write.close();
            write = null;
        }
    }

    private static synchronized Read_packet_Pointer_BytePointer_int reader() {
        if (read == null) {
            read = new Read_packet_Pointer_BytePointer_int() {
                @Override
                public int call(Pointer opaque, BytePointer buf, int size) {
                    Avio io = OPEN.get(opaque.address());
                    return io == null ? AVERROR_EOF() : io.fill(buf, size);
                }
            };
        }
        return read;
    }

    private static synchronized Write_packet_Pointer_BytePointer_int writer() {
        if (write == null) {
            write = new Write_packet_Pointer_BytePointer_int() {
                @Override
                public int call(Pointer opaque, BytePointer buf, int size) {
                    Avio io = OPEN.get(opaque.address());
                    return io == null ? -5 : io.drain(buf, size);
                }
            };
        }
        return write;
    }

    private int fill(BytePointer buf, int size) {
        try {
            if (scratch.length < size) {
                scratch = new byte[size];
            }
            // read() returns what has arrived so far (at least one byte): FFmpeg continues with a partial buffer.
            int n = in.read(scratch, 0, size);
            if (n < 0) {
                return AVERROR_EOF();
            }
            buf.position(0).put(scratch, 0, n);
            filled += n;
            return n;
        } catch (IOException e) {
            failure = e;
            return -5; // AVERROR(EIO)
        }
    }

    private int drain(BytePointer buf, int size) {
        try {
            if (scratch.length < size) {
                scratch = new byte[size];
            }
            buf.position(0).get(scratch, 0, size);
            out.write(scratch, 0, size);
            return size;
        } catch (IOException e) {
            failure = e;
            return -5;
        }
    }
}
