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
import org.junit.jupiter.api.Test;

/** frame-code draws and attaches the code; read-frame-code attaches what it reads, and nothing from a plain frame. */
class FrameCodeStagesTest {
    private final EmbeddedEngine engine = new EmbeddedEngine(60_000, false);

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void theReaderAttachesWhatTheMarkerDrew() throws Exception {
        Stage marker = Fixtures.start(new FrameCodeProvider(), engine.pool(), PixelFormat.RGB24, Map.of());
        Stage reader = Fixtures.start(new ReadFrameCodeProvider(), engine.pool(), PixelFormat.RGB24, Map.of());
        Frame f = engine.pool().acquire(PixelFormat.RGB24, 640, 360);
        try {
            new SceneRenderer().draw(f, 0, 0);
            Frame marked = marker.process(f);
            FrameCode drawn = marked.meta(FrameMeta.FRAME_CODE);
            assertNotNull(drawn, "frame-code attaches the code it draws");
            marked.meta(FrameMeta.FRAME_CODE, null);
            FrameCode read = reader.process(marked).meta(FrameMeta.FRAME_CODE);
            assertNotNull(read, "read-frame-code attaches the code it reads");
            assertEquals(drawn.frame(), read.frame());
            assertTrue(Math.abs(drawn.captureMicros() - read.captureMicros()) <= 100, drawn + " read as " + read);
        } finally {
            f.release();
            marker.stop();
            reader.stop();
        }
    }

    /**
     * A pipeline that repaints the picture (the demo's blurred background) keeps the capture's code: read at its start,
     * redrawn by frame-code at its end, the same code (number and capture time), not a new one.
     */
    @Test
    void aCarriedCodeIsRedrawnAsItIs() throws Exception {
        Stage reader = Fixtures.start(new ReadFrameCodeProvider(), engine.pool(), PixelFormat.RGB24, Map.of());
        Stage marker = Fixtures.start(new FrameCodeProvider(), engine.pool(), PixelFormat.RGB24, Map.of());
        Frame f = engine.pool().acquire(PixelFormat.RGB24, 640, 360);
        try {
            new SceneRenderer().draw(f, 0, 0);
            FrameCode capture = new FrameCode(4242, FrameCodes.nowMicros() - 5_000_000, 0);
            FrameCodes.draw(f, capture);
            Frame read = reader.process(f);
            assertEquals(capture.frame(), read.meta(FrameMeta.FRAME_CODE).frame());
            // Repainted: the code is gone from the pixels.
            for (int i = read.offset(0); i < read.offset(0) + 3 * 640 * 60; i++) {
                read.data().put(i, (byte) 90);
            }
            Frame redrawn = marker.process(read);
            redrawn.meta(FrameMeta.FRAME_CODE, null);
            FrameCode again = reader.process(redrawn).meta(FrameMeta.FRAME_CODE);
            assertNotNull(again, "the code is in the pixels again");
            assertEquals(capture.frame(), again.frame());
            assertTrue(Math.abs(capture.captureMicros() - again.captureMicros()) <= 100, capture + " read as " + again);
        } finally {
            f.release();
            marker.stop();
            reader.stop();
        }
    }

    @Test
    void aFrameWithoutACodePassesWithout() throws Exception {
        Stage reader = Fixtures.start(new ReadFrameCodeProvider(), engine.pool(), PixelFormat.RGB24, Map.of());
        Frame f = engine.pool().acquire(PixelFormat.RGB24, 640, 360);
        try {
            new SceneRenderer().draw(f, 0, 0);
            assertNull(reader.process(f).meta(FrameMeta.FRAME_CODE));
        } finally {
            f.release();
            reader.stop();
        }
    }
}
