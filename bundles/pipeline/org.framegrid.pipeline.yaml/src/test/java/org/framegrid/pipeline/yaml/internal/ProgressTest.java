package org.framegrid.pipeline.yaml.internal;

import static org.framegrid.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.framegrid.api.pipeline.StageMode;
import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamState;
import org.framegrid.api.pipeline.StreamStatus;
import org.junit.jupiter.api.Test;

/** The progress line of a file job: share done and time left when the source knows its total, plain otherwise. */
class ProgressTest {

    private static StreamStatus status(long expected, long sourceFrames, long sinkFrames) {
        return new StreamStatus("s", "job", "r1", StreamState.ONLINE, null, 0, List.of(
                new StageStatus("decode", "decode", "p", StageMode.ACTIVE, false, 0, 0, 0, 0, 0, sourceFrames, 0, 0,
                        null, expected),
                new StageStatus("encode", "encode", "p", StageMode.ACTIVE, false, 0, 0, 0, 0, 0, sinkFrames, 0, 0,
                        null)));
    }

    private static String show(StreamStatus status, long elapsedNanos) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false).show(status, elapsedNanos);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aKnownTotalGivesPercentageAndTimeLeft() {
        // 300 of 1,200 frames in 10 s: 30 fps, 900 frames left = 30 s.
        String line = show(status(1200, 310, 300), 10_000_000_000L);
        assertContains(line, " 25%", "300/1200 frames", "ETA 00:30", "[#####...............]");
    }

    @Test
    void anUnknownTotalShowsFramesAndRateOnly() {
        String line = show(status(-1, 310, 300), 10_000_000_000L);
        assertContains(line, "300 frames");
        assertFalse(line.contains("ETA"), line);
    }

    @Test
    void theBarNeverOverflowsWhenTheContainerUnderestimates() {
        assertEquals("[####################]", Progress.bar(130, 120));
        assertEquals("[....................]", Progress.bar(0, 120));
    }
}
