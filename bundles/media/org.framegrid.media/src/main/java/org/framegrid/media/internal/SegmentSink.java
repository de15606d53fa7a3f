package org.framegrid.media.internal;

import java.io.IOException;
import java.io.OutputStream;

/** Where a segmenting writer puts each MPEG-TS segment: one stream per segment, closed when the segment is complete. */
@FunctionalInterface
public interface SegmentSink {
    /**
     * @param sequence 0, 1, 2, ... without gaps
     * @return the stream that receives the segment's bytes as they are produced
     */
    OutputStream begin(long sequence) throws IOException;
}
