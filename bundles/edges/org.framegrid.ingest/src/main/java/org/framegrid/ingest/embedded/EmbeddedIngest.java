package org.framegrid.ingest.embedded;

import java.net.URI;
import java.util.Map;
import org.framegrid.ingest.internal.PushIngest;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One RTMP or SRT ingest port in a plain JVM, as the component {@code org.framegrid.ingest} runs it: listening (or
 * about to) when the constructor returns; {@link #close()} stops it.
 */
@ProviderType
public final class EmbeddedIngest implements AutoCloseable {
    private final PushIngest ingest;

    /**
     * @param srt SRT (MPEG-TS) instead of RTMP
     * @param host the address to listen on
     * @param port the port
     * @param gateway the gateway's developer API
     * @param pipeline the pipeline every publisher's stream runs
     * @param params its params
     */
    public EmbeddedIngest(boolean srt, String host, int port, URI gateway, String pipeline,
                          Map<String, Object> params) {
        ingest = new PushIngest(srt ? PushIngest.Protocol.SRT : PushIngest.Protocol.RTMP, host, port, gateway,
                pipeline, params, null);
    }

    /** @return the gateway stream id of the publisher now live, or {@code null} */
    public String stream() {
        return ingest.stream();
    }

    @Override
    public void close() {
        ingest.close();
    }
}
