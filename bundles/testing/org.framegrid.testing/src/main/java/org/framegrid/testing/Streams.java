package org.framegrid.testing;

import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StageStatus;

/** What tests read of a running stream's status. */
public final class Streams {

    private Streams() {
    }

    /**
     * @return the status of node {@code node} of stream {@code stream}
     * @throws java.util.NoSuchElementException when the stream is not running or has no such node
     */
    public static StageStatus stage(PipelineService pipelines, String stream, String node) {
        return pipelines.status(stream).orElseThrow().stages().stream().filter(s -> s.node().equals(node))
                .findFirst().orElseThrow();
    }
}
