package org.framegrid.rtmp.embedded;

import java.net.URI;
import java.util.Map;
import org.framegrid.rtmp.internal.RtmpIngest;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One RTMP ingest port in a plain JVM, as the component {@code org.framegrid.rtmp} runs it: listening when the
 * constructor returns; {@link #close()} stops it.
 */
@ProviderType
public final class EmbeddedRtmp implements AutoCloseable {
    private final RtmpIngest ingest;

    /**
     * @param host the address to listen on
     * @param port the RTMP port
     * @param gateway the gateway's developer API
     * @param pipeline the pipeline every publisher's stream runs
     * @param params its params
     */
    public EmbeddedRtmp(String host, int port, URI gateway, String pipeline, Map<String, Object> params) {
        ingest = new RtmpIngest(host, port, gateway, pipeline, params);
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
