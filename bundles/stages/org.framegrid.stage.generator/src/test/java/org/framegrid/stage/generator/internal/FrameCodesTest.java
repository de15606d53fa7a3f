package org.framegrid.stage.generator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameCode;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The frame code reads back what was drawn, in every picture format; a picture without one reads as none. */
class FrameCodesTest {
    private final EmbeddedEngine engine = new EmbeddedEngine(60_000, false);

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void readsBackWhatWasDrawnInEveryFormat() {
        long now = FrameCodes.nowMicros();
        FrameCode code = new FrameCode(0xABCDEF, now - 12_300, 0x123456);
        for (PixelFormat format : FrameStage.PICTURES) {
            Frame f = engine.pool().acquire(format, 640, 360);
            try {
                new SceneRenderer().draw(f, 1234.5, -77);
                FrameCodes.draw(f, code);
                assertEquals(code, FrameCodes.read(f, now), format.name());
            } finally {
                f.release();
            }
        }
    }

    @Test
    void theCaptureTimeIsRestoredAgainstTheReadersClockAcrossTheWrap() {
        long wrap = (1L << 32) * 100; // the 32-bit field of 100 µs units wraps every 4.97 days
        long captured = 7 * wrap - 3_000; // just before a wrap (at the code's resolution, 100 µs)
        Frame f = engine.pool().acquire(PixelFormat.I420, 320, 240);
        try {
            FrameCodes.draw(f, new FrameCode(1, captured, 0));
            assertEquals(captured, FrameCodes.read(f, captured + 50_000).captureMicros(), "read after the wrap");
            assertEquals(captured, FrameCodes.read(f, captured - 200).captureMicros(), "a reader a moment behind");
        } finally {
            f.release();
        }
    }

    @Test
    void aPictureWithoutACodeReadsAsNone() {
        Frame f = engine.pool().acquire(PixelFormat.RGB24, 640, 360);
        try {
            new SceneRenderer().draw(f, 0, 0);
            assertNull(FrameCodes.read(f, FrameCodes.nowMicros()));
        } finally {
            f.release();
        }
    }
}
