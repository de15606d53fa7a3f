package org.framegrid.stage.lines.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.FramePool;
import org.framegrid.api.frame.Line;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.Stage;
import org.framegrid.testing.Providers;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lines stage alone, with the real M-LSD tiny 320 model on the real ONNX Runtime backend. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LinesTest {

    /** A side of the rectangle in frame pixels. */
    record Side(float x1, float y1, float x2, float y2) {
    }

    static LinesProvider provider() throws Exception {
        LinesProvider provider = new LinesProvider();
        provider.addModel(Fixtures.model("mlsd-tiny-320"));
        provider.setBackend(Providers.cpuBackend());
        return provider;
    }

    /** White picture with a 4-pixel black rectangle outline. */
    static BufferedImage rectangle(int width, int height, int x, int y, int w, int h) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        if (w > 0) {
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(4));
            g.drawRect(x, y, w, h);
        }
        g.dispose();
        return image;
    }

    /** @return the lines found in {@code image}, in frame pixels */
    static List<Side> run(PixelFormat format, BufferedImage image) throws Exception {
        try (EmbeddedEngine engine = new EmbeddedEngine(60_000, false)) {
            FramePool pool = engine.pool();
            Stage stage = Fixtures.start(provider(), pool, format, Map.of());
            Frame frame = Fixtures.frame(pool, format, image);
            try {
                Frame out = stage.process(frame);
                List<Side> sides = new ArrayList<>();
                for (Line l : out.meta(FrameMeta.LINES).items()) {
                    sides.add(new Side(l.x1() * image.getWidth(), l.y1() * image.getHeight(),
                            l.x2() * image.getWidth(), l.y2() * image.getHeight()));
                }
                return sides;
            } finally {
                frame.release();
                stage.stop();
            }
        }
    }

    /** Asserts some segment lies along {@code side}: both ends within {@code tol} px of its line, angle within 5°. */
    static void assertFound(List<Side> found, Side side, float tol) {
        double want = Math.atan2(side.y2() - side.y1(), side.x2() - side.x1());
        for (Side s : found) {
            double got = Math.atan2(s.y2() - s.y1(), s.x2() - s.x1());
            double diff = Math.abs(Math.IEEEremainder(got - want, Math.PI));
            double length = Math.hypot(s.x2() - s.x1(), s.y2() - s.y1());
            double sideLength = Math.hypot(side.x2() - side.x1(), side.y2() - side.y1());
            if (diff < Math.toRadians(5) && distance(side, s.x1(), s.y1()) < tol
                    && distance(side, s.x2(), s.y2()) < tol && length > sideLength / 3) {
                return;
            }
        }
        throw new AssertionError("no segment along " + side + " in " + found);
    }

    /** @return the distance of point (px, py) from the segment {@code s} */
    static double distance(Side s, float px, float py) {
        double dx = s.x2() - s.x1();
        double dy = s.y2() - s.y1();
        double t = Math.clamp(((px - s.x1()) * dx + (py - s.y1()) * dy) / (dx * dx + dy * dy), 0, 1);
        return Math.hypot(px - (s.x1() + t * dx), py - (s.y1() + t * dy));
    }

    static void assertRectangle(List<Side> found, int x, int y, int w, int h, float tol) {
        assertFound(found, new Side(x, y, x + w, y), tol);
        assertFound(found, new Side(x, y + h, x + w, y + h), tol);
        assertFound(found, new Side(x, y, x, y + h), tol);
        assertFound(found, new Side(x + w, y, x + w, y + h), tol);
    }

    /**
     * A black rectangle outline on white gives its four sides, in frame pixels, in every input format. The 960x540
     * frame is scaled by 1/3 into 320x180 and padded 70 rows above and below: a wrong letterbox inverse would shift
     * or stretch the sides by tens of pixels.
     */
    @ParameterizedTest(name = "{0} {1}x{2}")
    @CsvSource({"RGB24, 320, 320, 60, 80, 200, 140, 5", "BGR24, 960, 540, 150, 120, 600, 300, 12",
        "RGBA, 320, 320, 60, 80, 200, 140, 5"})
    void aBlackRectangleOnWhiteGivesItsFourSides(PixelFormat format, int width, int height, int x, int y, int w, int h,
            float tolerance) throws Exception {
        List<Side> found = run(format, rectangle(width, height, x, y, w, h));
        System.out.println("rectangle " + width + "x" + height + " " + format + ": " + found.size() + " segments "
                + found);
        assertRectangle(found, x, y, w, h, tolerance);
    }

    @Test
    void aBlankFrameGivesAlmostNoSegments() throws Exception {
        List<Side> found = run(PixelFormat.RGB24, rectangle(640, 360, 0, 0, 0, 0));
        assertTrue(found.size() <= 1, "segments on a blank frame: " + found);
    }


    @Test
    void minLengthAndMaxLinesAreApplied() throws Exception {
        try (EmbeddedEngine engine = new EmbeddedEngine(60_000, false)) {
            LinesProvider provider = provider();
            Stage stage = Fixtures.start(provider, engine.pool(), PixelFormat.RGB24, Map.of());
            Frame frame = Fixtures.frame(engine.pool(), PixelFormat.RGB24, rectangle(320, 320, 60, 80, 200, 140));
            try {
                assertTrue(stage.process(frame).meta(FrameMeta.LINES).items().size() >= 4);
                stage.update(Fixtures.properties(provider, Map.of("max-lines", 2L)));
                assertEquals(2, stage.process(frame).meta(FrameMeta.LINES).items().size());
                // Longer than any side of the rectangle: nothing is left.
                stage.update(Fixtures.properties(provider, Map.of("min-length", 400.0)));
                assertEquals(List.of(), stage.process(frame).meta(FrameMeta.LINES).items());
            } finally {
                frame.release();
                stage.stop();
            }
        }
    }
}
