package org.framegrid.stage.util.internal;

import java.util.Locale;
import org.framegrid.api.frame.Detection;
import org.framegrid.api.frame.Detections;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.Line;
import org.framegrid.api.frame.Lines;
import org.framegrid.api.frame.Text;
import org.framegrid.api.frame.Texts;
import org.framegrid.api.stage.StageProperties;

/** One {@code overlay} instance: draws a frame's detections, lines and texts with the live style. */
final class OverlayPainter extends SimpleStage {
    private int color;
    private int thickness;
    private int scale;
    private boolean labels;

    @Override
    protected void apply(StageProperties p) {
        String c = p.getString("color");
        if (!c.matches("#[0-9A-Fa-f]{6}")) {
            throw new IllegalArgumentException("color '" + c + "' is not #RRGGBB");
        }
        color = Integer.parseInt(c.substring(1), 16);
        thickness = p.getInt("thickness");
        scale = p.getInt("text-scale");
        labels = p.getBoolean("labels");
    }

    @Override
    public Frame process(Frame in) {
        Detections detections = in.meta(FrameMeta.DETECTIONS);
        Lines lines = in.meta(FrameMeta.LINES);
        Texts texts = in.meta(FrameMeta.TEXTS);
        if (detections == null && lines == null && texts == null) {
            return in;
        }
        Frame f = in.refCount() > 1 ? context.pool().copyOf(in) : in;
        int w = f.width();
        int h = f.height();
        if (detections != null) {
            for (Detection d : detections.items()) {
                int x = Math.round(d.x() * w);
                int y = Math.round(d.y() * h);
                Draw.rect(f, x, y, Math.round(d.width() * w), Math.round(d.height() * h), thickness, color);
                if (labels) {
                    String label = (d.label() == null ? "#" + d.classId() : d.label())
                            + String.format(Locale.ROOT, " %.0f%%", d.score() * 100);
                    Font.draw(f, label, x, Math.max(0, y - 6 * scale), scale, color);
                }
            }
        }
        if (lines != null) {
            for (Line l : lines.items()) {
                Draw.line(f, Math.round(l.x1() * w), Math.round(l.y1() * h), Math.round(l.x2() * w),
                        Math.round(l.y2() * h), thickness, l.argb() & 0xFFFFFF);
            }
        }
        if (texts != null) {
            for (Text t : texts.items()) {
                Font.draw(f, t.text(), Math.round(t.x() * w), Math.round(t.y() * h), scale,
                        t.argb() & 0xFFFFFF);
            }
        }
        return f;
    }
}
