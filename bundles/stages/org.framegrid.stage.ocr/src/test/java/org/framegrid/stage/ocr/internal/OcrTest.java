package org.framegrid.stage.ocr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.framegrid.api.frame.Detection;
import org.framegrid.api.frame.Detections;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.frame.Text;
import org.framegrid.api.stage.Stage;
import org.framegrid.testing.Fixtures;
import org.framegrid.testing.stages.StageRig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ocr with the real PP-OCRv4 detector and recogniser on the real ONNX Runtime backend. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OcrTest {

    @RegisterExtension
    static final StageRig<OcrProvider> rig = StageRig.onCpu(OcrProvider::new, p -> {
        p.addModel(Fixtures.bundled("ppocr-det"));
        p.addRecognizer(Fixtures.bundled("ppocr-rec"));
    });

    private static List<Detection> read(BufferedImage picture, PixelFormat format) throws Exception {
        Stage stage = rig.start(format, Map.of());
        Frame frame = rig.frame(format, picture);
        try {
            long[] ms = new long[3];
            for (int i = 0; i < ms.length; i++) {
                frame.meta(FrameMeta.DETECTIONS, null);
                long t0 = System.nanoTime();
                assertTrue(stage.process(frame) == frame, "annotated in place");
                ms[i] = (System.nanoTime() - t0) / 1_000_000;
            }
            List<Detection> lines = frame.meta(FrameMeta.DETECTIONS).items();
            List<Text> texts = frame.meta(FrameMeta.TEXTS).items();
            assertEquals(lines.size(), texts.size(), "one text per box");
            for (int i = 0; i < lines.size(); i++) {
                Detection d = lines.get(i);
                assertEquals(d.label(), texts.get(i).text());
                assertEquals(d.x(), texts.get(i).x());
                System.out.printf("ocr %dx%d %s: [%.0f,%.0f %.0fx%.0f] %.2f \"%s\"%n", picture.getWidth(),
                        picture.getHeight(), format, d.x() * picture.getWidth(), d.y() * picture.getHeight(),
                        d.width() * picture.getWidth(), d.height() * picture.getHeight(), d.score(), d.label());
            }
            System.out.printf("ocr %dx%d: %d lines, process() %s ms%n", picture.getWidth(), picture.getHeight(),
                    lines.size(), java.util.Arrays.toString(ms));
            return lines;
        } finally {
            frame.release();
            stage.stop();
        }
    }

    @Test
    void readsTheHeadingAndFirstLineOfSkimagesPage() throws Exception {
        List<Detection> lines = read(Fixtures.image("page.png"), PixelFormat.RGB24);
        List<String> texts = lines.stream().map(Detection::label).toList();
        assertEquals("Region-based segmentation", texts.get(0), "the heading is read first: " + texts);
        assertEquals("Let us first determine markers of the coins and the", texts.get(1), texts.toString());
        Detection heading = lines.get(0);
        // The heading sits in the top-left of the 384x191 page, about 10..290 x 5..40 px.
        assertTrue(heading.x() * 384 < 15 && heading.y() * 191 < 15 && heading.width() * 384 > 250
                && (heading.y() + heading.height()) * 191 < 50, "heading box " + heading);
    }

    /** Text rendered now, in a font of this JDK, so the expected string is not a fixture file. */
    @Test
    void readsTextRenderedAtTestTime() throws Exception {
        String expected = "Framegrid reads 42 lines";
        BufferedImage picture = new BufferedImage(640, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(new Color(235, 235, 225));
        g.fillRect(0, 0, 640, 200);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(20, 20, 60));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 40));
        g.drawString(expected, 40, 115);
        g.dispose();
        List<Detection> lines = read(picture, PixelFormat.BGR24);
        assertEquals(List.of(expected), lines.stream().map(Detection::label).toList());
        Detection d = lines.get(0);
        assertTrue(d.score() > 0.8, "score " + d.score());
        // The string's baseline is at y 115; its box must cover about 80..125.
        assertTrue(d.y() * 200 < 85 && (d.y() + d.height()) * 200 > 115, "box " + d);
    }

    @Test
    void aBlankFrameHasNoText() throws Exception {
        BufferedImage blank = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        assertEquals(List.of(), read(blank, PixelFormat.RGBA));
    }

    @Test
    void detectionsAlreadyThereAreKept() throws Exception {
        rig.check(rig.frame(PixelFormat.RGB24, Fixtures.image("text.png")), Map.of(), (stage, frame) -> {
            Detection face = new Detection(0.1f, 0.1f, 0.2f, 0.2f, 0, "face", 0.9f, -1);
            frame.meta(FrameMeta.DETECTIONS, new Detections(List.of(face)));
            stage.process(frame);
            List<Detection> all = frame.meta(FrameMeta.DETECTIONS).items();
            assertEquals(face, all.get(0));
            System.out.println("ocr text.png: " + all.subList(1, all.size()).stream().map(Detection::label).toList());
        });
    }

    @Test
    void modelsOfTheWrongKindAreRefusedAtStart() throws Exception {
        OcrProvider p = StageRig.cpu(new OcrProvider(), q -> {
            q.addModel(Fixtures.bundled("ppocr-det"));
            q.addRecognizer(Fixtures.bundled("ppocr-cls"));
        });
        rig.assertRefusesModelWithout(p, "recognizer", "ppocr-cls", "ctc-probabilities");
        String missing = rig.refusedMissingModel(p, "detector");
        assertTrue(missing.contains("no text-detection model named 'nope'"), missing);
    }
}
