package org.framegrid.stage.generator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameCode;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.Stage;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.framegrid.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** frame-code draws and attaches the code; read-frame-code attaches what it reads, and nothing from a plain frame. */
class FrameCodeStagesTest {
    private final EmbeddedEngine engine = new EmbeddedEngine(60_000, false);
    private Stage marker;
    private Stage reader;
    /** The frame each test works on: a 640x360 scene picture, without a code. */
    private Frame f;

    @BeforeEach
    void start() throws Exception {
        marker = Fixtures.start(new FrameCodeProvider(), engine.pool(), PixelFormat.RGB24, Map.of());
        reader = Fixtures.start(new ReadFrameCodeProvider(), engine.pool(), PixelFormat.RGB24, Map.of());
        f = engine.pool().acquire(PixelFormat.RGB24, 640, 360);
        new SceneRenderer().draw(f, 0, 0);
    }

    @AfterEach
    void close() {
        f.release();
        marker.stop();
        reader.stop();
        engine.close();
    }

    @Test
    void theReaderAttachesWhatTheMarkerDrew() throws Exception {
        Frame marked = marker.process(f);
        FrameCode drawn = marked.meta(FrameMeta.FRAME_CODE);
        assertNotNull(drawn, "frame-code attaches the code it draws");
        assertReadBack(marked, drawn, "read-frame-code attaches the code it reads");
    }

    /**
     * A pipeline that repaints the picture (the demo's blurred background) keeps the capture's code: read at its start,
     * redrawn by frame-code at its end, the same code (number and capture time), not a new one.
     */
    @Test
    void aCarriedCodeIsRedrawnAsItIs() throws Exception {
        FrameCode capture = new FrameCode(4242, FrameCodes.nowMicros() - 5_000_000, 0);
        FrameCodes.draw(f, capture);
        Frame read = reader.process(f);
        assertEquals(capture.frame(), read.meta(FrameMeta.FRAME_CODE).frame());
        // Repainted: the code is gone from the pixels.
        for (int i = read.offset(0); i < read.offset(0) + 3 * 640 * 60; i++) {
            read.data().put(i, (byte) 90);
        }
        assertReadBack(marker.process(read), capture, "the code is in the pixels again");
    }

    @Test
    void aFrameWithoutACodePassesWithout() throws Exception {
        assertNull(reader.process(f).meta(FrameMeta.FRAME_CODE));
    }

    /**
     * Asserts that read-frame-code reads {@code expected} from {@code frame}'s pixels alone (the code attached to it is
     * removed first): the same frame number, the capture time within 100 µs.
     */
    private void assertReadBack(Frame frame, FrameCode expected, String what) throws Exception {
        frame.meta(FrameMeta.FRAME_CODE, null);
        FrameCode read = reader.process(frame).meta(FrameMeta.FRAME_CODE);
        assertNotNull(read, what);
        assertEquals(expected.frame(), read.frame());
        assertTrue(Math.abs(expected.captureMicros() - read.captureMicros()) <= 100, expected + " read as " + read);
    }
}
