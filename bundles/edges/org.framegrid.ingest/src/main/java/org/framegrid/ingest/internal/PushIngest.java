package org.framegrid.ingest.internal;

import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_network_init;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.framegrid.gateway.client.GatewayClient;
import org.framegrid.gateway.client.GatewayException;
import org.framegrid.gateway.client.StreamInfo;

/**
 * One RTMP or SRT port of a gateway: FFmpeg listens on it for one publisher at a time (its RTMP listener does not
 * check the app or key, its SRT listener cannot read the stream id: the port decides the pipeline), the publisher's
 * media is remuxed into 1 s MPEG-TS segments ({@link TsSegmenter}) and goes live through the gateway's developer API
 * with the configured pipeline; when the publisher stops, the stream's input is ended, the stream ends by itself once
 * its last output segment is out (the stream is stopped if that takes over {@code DRAIN_MILLIS}), and the port
 * listens again. Owns its thread.
 */
public final class PushIngest implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PushIngest.class.getName());
    /** How long the output may take to catch up with the input after the publisher stopped. */
    private static final long DRAIN_MILLIS = 10_000;

    /** What a publisher pushes. */
    public enum Protocol {
        /** RTMP (FLV): OBS's and ffmpeg's default. */
        RTMP,
        /** SRT carrying MPEG-TS. */
        SRT
    }

    private final Protocol protocol;
    private final String host;
    private final int port;
    private final String pipeline;
    private final Map<String, Object> params;
    private final GatewayClient gateway;
    private final Thread thread;
    private volatile boolean closed;
    private volatile String current;

    /**
     * @param protocol what publishers push
     * @param host the address to listen on
     * @param port the port
     * @param gateway the gateway's developer API
     * @param pipeline the pipeline every publisher's stream runs
     * @param params its params
     * @param apiKey the gateway's API key, or {@code null}
     */
    public PushIngest(Protocol protocol, String host, int port, URI gateway, String pipeline,
                      Map<String, Object> params, String apiKey) {
        this.protocol = protocol;
        this.host = host;
        this.port = port;
        this.pipeline = pipeline;
        this.params = Map.copyOf(params);
        this.gateway = new GatewayClient(gateway, apiKey);
        avformat_network_init();
        this.thread = Thread.ofPlatform().name(protocol.name().toLowerCase() + "-" + port).daemon()
                .start(this::listen);
    }

    /** @return the gateway stream of the publisher now live, or {@code null} */
    public String stream() {
        return current;
    }

    private void listen() {
        while (!closed) {
            try {
                serveOne();
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.warning(protocol + " ingest on port " + port + ": " + e.getMessage());
                }
            }
        }
    }

    /** @return FFmpeg's listening input */
    private String url(AVDictionary options) {
        av_dict_set(options, "probesize", "500000", 0);
        av_dict_set(options, "analyzeduration", "1000000", 0);
        if (protocol == Protocol.RTMP) {
            av_dict_set(options, "listen", "1", 0);
            av_dict_set(options, "timeout", "-1", 0); // close() connects to unblock it
            return "rtmp://" + host + ":" + port + "/live";
        }
        av_dict_set(options, "mode", "listener", 0);
        av_dict_set(options, "listen_timeout", "1000000", 0); // µs: close() is seen within a second
        return "srt://" + host + ":" + port;
    }

    private void serveOne() throws IOException, InterruptedException {
        AVFormatContext in = new AVFormatContext(null);
        AVDictionary options = new AVDictionary(null);
        String url = url(options);
        int ret = avformat_open_input(in, url, (AVInputFormat) null, options);
        av_dict_free(options);
        if (ret < 0) {
            if (!closed && protocol == Protocol.RTMP) {
                LOG.info("RTMP ingest on port " + port + ": a connection that did not publish (FFmpeg error "
                        + ret + ")");
            }
            return; // SRT: no caller within the listen timeout
        }
        Path scratch = Files.createTempFile(protocol.name().toLowerCase() + "-" + port + "-", ".ts");
        StreamInfo stream = null;
        try {
            TsSegmenter.check(avformat_find_stream_info(in, (AVDictionary) null), "read the publisher's streams");
            TsSegmenter segmenter = new TsSegmenter(in, 1.0, scratch);
            stream = gateway.start(pipeline, params);
            current = stream.id();
            StreamInfo live = stream;
            LOG.info(protocol + " ingest on port " + port + ": publisher live as stream " + live.id());
            segmenter.run((seq, ts) -> gateway.publish(live, seq, new ByteArrayInputStream(ts)));
            gateway.end(live);
            drain(live);
        } finally {
            avformat_close_input(in);
            Files.deleteIfExists(scratch);
            current = null;
            if (stream != null) {
                stopQuietly(stream.id());
            }
        }
    }

    /**
     * Lets the output catch up with what was published: the input's end goes through the pipeline, which completes
     * its last segment, and the stream ends by itself once all of its output is out (its status is then 404).
     */
    private void drain(StreamInfo stream) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
        while (System.currentTimeMillis() < deadline && !closed) {
            try {
                gateway.status(stream.id());
            } catch (GatewayException e) {
                if (e.status() == 404) {
                    return;
                }
                throw e;
            }
            Thread.sleep(100);
        }
    }

    private void stopQuietly(String id) {
        try {
            gateway.stop(id);
        } catch (IOException e) {
            LOG.log(Level.FINE, "stream " + id + " was gone already", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops listening; a live publisher's stream is stopped. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        if (protocol == Protocol.RTMP) {
            try (Socket wake = new Socket()) {
                wake.connect(new InetSocketAddress(host, port), 1000); // ends FFmpeg's wait for a publisher
            } catch (IOException e) {
                // nobody listens: the thread is between publishers or gone
            }
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        gateway.close();
    }
}
