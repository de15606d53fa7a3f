package org.framegrid.trickle.channel;

import java.io.OutputStream;

/** The writing end of one segment: {@link #close()} completes it, {@link #abort()} gives up on it. */
public abstract class SegmentWriter extends OutputStream {
    /** Ends the segment as incomplete: readers get the bytes written so far, then an error ("truncated"). */
    public abstract void abort();
}
