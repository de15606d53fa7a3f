package org.framegrid.orchestrator.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.framegrid.api.frame.Detection;
import org.framegrid.api.frame.Detections;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.FrameCode;
import org.framegrid.api.frame.FrameMeta;
import org.framegrid.api.frame.Line;
import org.framegrid.api.frame.Lines;
import org.framegrid.api.frame.Text;
import org.framegrid.api.frame.Texts;

/**
 * Turns the metadata stages attach to a frame (detections, texts, lines, a frame code read from its pixels) into one
 * events-channel message, so that an app sees what the pipeline found without decoding the video, and where a frame
 * code is read, when the frame reached the encoder here (one hop of a per-hop latency budget). Frames without such
 * metadata give no message.
 */
final class FrameEvents {
    private FrameEvents() {
    }

    /**
     * @param atMicros when the frame reached the tap (wall clock, microseconds since the epoch)
     * @return {@code {type: "frame", session, sequence, ptsMillis, width, height, detections?, texts?, lines?,
     *     code?: {frame, captureMicros, event, atMicros}}}, or {@code null} when the frame carries none of the four
     */
    static Map<String, Object> message(String session, Frame frame, long atMicros) {
        Detections detections = frame.meta(FrameMeta.DETECTIONS);
        Texts texts = frame.meta(FrameMeta.TEXTS);
        Lines lines = frame.meta(FrameMeta.LINES);
        FrameCode code = frame.meta(FrameMeta.FRAME_CODE);
        if (detections == null && texts == null && lines == null && code == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "frame");
        m.put("session", session);
        m.put("sequence", frame.sequence());
        m.put("ptsMillis", frame.pts() / 1_000_000);
        m.put("width", frame.width());
        m.put("height", frame.height());
        if (detections != null) {
            m.put("detections", detections.items().stream().map(FrameEvents::detection).toList());
        }
        if (texts != null) {
            m.put("texts", texts.items().stream().map(FrameEvents::text).toList());
        }
        if (lines != null) {
            m.put("lines", lines.items().stream().map(FrameEvents::line).toList());
        }
        if (code != null) {
            m.put("code", Map.of("frame", code.frame(), "captureMicros", code.captureMicros(), "event", code.event(),
                    "atMicros", atMicros));
        }
        return m;
    }

    private static Map<String, Object> detection(Detection d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", d.x());
        m.put("y", d.y());
        m.put("width", d.width());
        m.put("height", d.height());
        m.put("classId", d.classId());
        if (d.label() != null) {
            m.put("label", d.label());
        }
        m.put("score", d.score());
        m.put("trackId", d.trackId());
        return m;
    }

    private static Map<String, Object> text(Text t) {
        return Map.of("text", t.text(), "x", t.x(), "y", t.y());
    }

    private static Map<String, Object> line(Line l) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("x1", l.x1(), "y1", l.y1(), "x2", l.x2(), "y2", l.y2()));
        if (l.label() != null) {
            m.put("label", l.label());
        }
        return m;
    }
}
