package org.framegrid.media.internal.stage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.framegrid.api.frame.AudioSamples;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.stage.MediaStages;
import org.framegrid.api.stage.Stage;
import org.framegrid.api.stage.StageContext;
import org.framegrid.api.stage.StageProperties;
import org.framegrid.media.MediaException;
import org.framegrid.media.internal.AudioDecoder;
import org.framegrid.media.internal.AudioPacket;
import org.framegrid.media.internal.AudioTrack;
import org.framegrid.media.internal.MediaReader;
import org.framegrid.media.internal.Natives;
import org.framegrid.media.internal.PixelLayout;
import org.framegrid.media.internal.Truncation;
import org.framegrid.trickle.channel.SegmentChannel;
import org.framegrid.trickle.channel.SegmentChannels;

/**
 * One {@code decode} instance. A file is one reader; a channel is one reader per segment, opened as soon as the
 * segment begins. A segment that cannot be decoded surfaces as an exception from {@link #process}: the engine counts
 * it and calls again, and the next call continues with the following segment.
 */
final class DecodingSource implements Stage {
    private static final Logger LOG = Logger.getLogger(DecodingSource.class.getName());
    /** Later input of more than this many average frames waiting means the decoder is behind, not just on time. */
    private static final double BEHIND_FRAMES = 2;
    private static final int MAX_STALE_RUN = 60;
    private final SegmentChannels channels;
    private StageContext context;
    private PixelLayout layout;
    private String input;
    private boolean realtime;
    private volatile long waitMillis;
    private SegmentChannel channel;
    private long sequence;
    private boolean liveEdge;
    private int staleRun;
    private MediaReader reader;
    private boolean fileDone;
    /** The input channel was closed and read to its end: end of stream was signalled. */
    private boolean channelDone;
    /** A file's pictures as its container states them (-1: it does not), and as decoded so far. */
    private long fileFramesDeclared = -1;
    private long fileFramesRead;
    private AudioTrack track;
    private final List<AudioPacket> audio = new ArrayList<>();
    private long clockStart;
    /** Whether the audio riding on frames is decoded to PCM too, for a sink that needs it decoded. */
    private boolean pcmAudio;
    private AudioDecoder pcm;
    private long ptsStart;

    DecodingSource(SegmentChannels channels) {
        this.channels = channels;
    }

    @Override
    public void configure(StageContext context, StageProperties properties) {
        this.context = context;
        this.layout = Formats.layout(context.outputFormat());
        this.input = properties.getString(MediaStages.DECODE_INPUT);
        this.realtime = properties.getBoolean("realtime");
        this.waitMillis = properties.getLong("wait-ms");
        this.liveEdge = properties.getBoolean(MediaStages.DECODE_LIVE_EDGE);
        this.pcmAudio = properties.getBoolean(DecodeProvider.AUDIO_PCM);
    }

    @Override
    public void start() throws Exception {
        Natives.check();
        if (input.startsWith(MediaStages.CHANNEL_PREFIX)) {
            channel = channels.open(input.substring(MediaStages.CHANNEL_PREFIX.length()));
        } else {
            Path file = Path.of(input);
            if (!Files.isReadable(file)) {
                throw new MediaException(file.getFileName() + ": cannot read the file (missing or not readable)");
            }
            // Fails fast with the one-line reason (not a video, unsupported codec) before the stream runs.
            reader = MediaReader.open(file, false);
            fileFramesDeclared = reader.declaredFrames();
            context.expectFrames(reader.expectedFrames());
        }
    }

    @Override
    public Frame process(Frame ignored) throws Exception {
        while (true) {
            if (reader == null && !openNext()) {
                return null;
            }
            MediaReader.Item item;
            try {
                item = reader.next();
            } catch (MediaException e) {
                closeReader();
                throw e; // a truncated segment: counted by the engine, the next call goes on with the next segment
            }
            switch (item) {
                case AUDIO -> {
                    track = reader.audioTrack();
                    audio.add(reader.audioPacket());
                }
                case PICTURE -> {
                    fileFramesRead++;
                    if (stale()) {
                        context.dropped(1);
                        continue;
                    }
                    return picture();
                }
                case END -> {
                    String cut = channel == null ? Truncation.of(reader, Path.of(input)) : null;
                    closeReader();
                    if (channel == null) {
                        fileDone = true;
                        context.endOfStream(); // a file has an end: the frames in flight finish, then the stream
                        endedEarly(cut);
                        return null;
                    }
                }
            }
        }
    }

    /**
     * A file that ends well before the pictures its container states (a truncated download or copy) is an error the
     * engine counts, so that the job says so and fails, instead of ending as if complete. A stated picture count
     * (MP4/MOV) is trusted with a tolerance of 2 %, at least one picture (an edit list may hide a few); else what
     * {@link Truncation} finds (a duration the header declares, an MPEG-TS file ending inside a packet).
     *
     * @param cut how the file ended early by {@link Truncation}, or null
     */
    private void endedEarly(String cut) throws MediaException {
        long tolerance = Math.max(1, fileFramesDeclared / 50);
        if (fileFramesDeclared > 0 && fileFramesRead + tolerance < fileFramesDeclared) {
            throw new MediaException(Path.of(input).getFileName() + ": the input ended early, after " + fileFramesRead
                    + " of the " + fileFramesDeclared + " pictures its container declares (truncated?)");
        }
        if (cut != null) {
            throw new MediaException(Path.of(input).getFileName() + ": the input ended early " + cut + ", after "
                    + fileFramesRead + " pictures (truncated?)");
        }
    }

    /**
     * At the live edge, a picture is stale when more than two later frames (of the segment's average size) are
     * already here (a burst: the start of a segment after a failover or a slow start, or a stall upstream): it is
     * decoded (later frames refer to it) but not handed on, so the stream catches up at decoding speed and the newest
     * frame wins. At most {@link #MAX_STALE_RUN} in a row, so that a steady stream always shows.
     */
    private boolean stale() throws IOException {
        if (!liveEdge || staleRun >= MAX_STALE_RUN || !reader.behindBy(BEHIND_FRAMES)) {
            staleRun = 0;
            return false;
        }
        staleRun++;
        return true;
    }

    /** @return whether a reader is ready; false when the file has ended or no segment came in time */
    private boolean openNext() throws InterruptedException, IOException {
        if (channel == null) {
            return false; // the file has ended (end of stream was signalled) or no reader could be opened
        }
        SegmentChannel.Segment segment = channel.await(sequence, waitMillis, TimeUnit.MILLISECONDS);
        if (segment == null) {
            if (channel.closed() && !channelDone) {
                // The publisher ended the stream and every segment it sent was read: the frames in flight finish
                // (the encoder completes its last segment), then the stream ends.
                channelDone = true;
                context.endOfStream();
            }
            return false;
        }
        if (liveEdge) {
            // Real time: a newer segment has begun (each starts on a key frame), so this one is stale; a backlog
            // left by a slow start or a stall is skipped whole instead of decoded late for good.
            SegmentChannel.Segment newest = channel.latest(0, TimeUnit.MILLISECONDS);
            if (newest != null && newest.sequence() > segment.sequence()) {
                context.dropped(newest.sequence() - segment.sequence());
                segment = newest;
            }
        }
        sequence = segment.sequence() + 1;
        reader = MediaReader.open(segment.bytes(), segment.name(), "mpegts", true);
        return true;
    }

    private Frame picture() throws InterruptedException {
        Frame f = context.pool().acquire(context.outputFormat(), reader.width(), reader.height());
        try {
            reader.copyPicture(layout, f.data());
        } catch (RuntimeException e) {
            f.release();
            throw e;
        }
        long pts = reader.ptsNanos();
        f.pts(pts);
        AudioTrack current = track != null ? track : reader.audioTrack();
        f.meta(AudioChunk.KEY, new AudioChunk(current, audio));
        if (pcmAudio && current != null && !audio.isEmpty()) {
            attachPcm(f, current);
        }
        audio.clear();
        if (realtime && channel == null) {
            pace(pts);
        }
        return f;
    }

    /** Decodes the frame's audio packets; audio that cannot be decoded is said once and left compressed. */
    private void attachPcm(Frame f, AudioTrack current) {
        try {
            if (pcm == null || !pcm.decodes(current)) {
                closePcm();
                pcm = new AudioDecoder(current);
            }
            AudioSamples samples = pcm.decode(audio);
            if (samples != null) {
                f.meta(FrameMeta.AUDIO, samples);
            }
        } catch (MediaException e) {
            closePcm();
            pcmAudio = false; // once: the sink gets no decoded audio from this input
            LOG.warning(() -> input + ": the audio is not decoded for the sink that needs it: " + e.getMessage());
        }
    }

    private void closePcm() {
        if (pcm != null) {
            pcm.close();
            pcm = null;
        }
    }

    private void pace(long pts) throws InterruptedException {
        long now = System.nanoTime();
        if (clockStart == 0) {
            clockStart = now;
            ptsStart = pts;
        }
        long due = clockStart + (pts - ptsStart);
        if (due > now) {
            TimeUnit.NANOSECONDS.sleep(Math.min(due - now, 1_000_000_000L));
        }
    }

    private void closeReader() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    @Override
    public void update(StageProperties properties) {
        waitMillis = properties.getLong("wait-ms");
    }

    @Override
    public void stop() {
        closeReader();
        closePcm();
    }
}
