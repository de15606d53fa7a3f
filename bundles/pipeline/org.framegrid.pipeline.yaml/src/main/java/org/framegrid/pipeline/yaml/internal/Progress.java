package org.framegrid.pipeline.yaml.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamStatus;

/**
 * Progress of a file job: on a terminal one line redrawn in place, otherwise a plain line every two seconds (logs and
 * CI output stay readable). When the source knows its total (a file's frame count, see
 * {@code StageContext.expectFrames}) the line shows the share done and the time left at the current average rate;
 * otherwise frames, rate and elapsed time.
 */
final class Progress {

    private static final long PLAIN_EVERY_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private long lastPlain;
    private boolean drawn;

    Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void show(StreamStatus status, long elapsedNanos) {
        List<StageStatus> stages = status.stages();
        if (stages.isEmpty()) {
            return;
        }
        long frames = stages.get(stages.size() - 1).processed();
        long total = stages.get(0).expectedFrames();
        double seconds = elapsedNanos / 1e9;
        double fps = frames / Math.max(seconds, 1e-9);
        String line = total > 0
                ? String.format(Locale.ROOT, "%s  %s %3d%%  %6d/%d frames  %6.1f fps  %s elapsed  ETA %s",
                        status.pipeline(), bar(frames, total), percent(frames, total), frames, total, fps,
                        clock(seconds), frames == 0 ? "--:--" : clock(Math.max(0, total - frames) / fps))
                : String.format(Locale.ROOT, "%s  %6d frames  %6.1f fps  %s elapsed  %s", status.pipeline(), frames,
                        fps, clock(seconds), status.state().name().toLowerCase(Locale.ROOT));
        if (terminal) {
            out.print("\r" + line + "   ");
            out.flush();
            drawn = true;
        } else if (elapsedNanos - lastPlain >= PLAIN_EVERY_NANOS) {
            out.println(line);
            lastPlain = elapsedNanos;
        }
    }

    void done() {
        if (drawn) {
            out.println();
        }
    }

    private static int percent(long frames, long total) {
        return (int) Math.min(100, frames * 100 / total);
    }

    /** A 20-cell bar; the estimate from the container may be a little short, so it never overflows. */
    static String bar(long frames, long total) {
        int cells = (int) Math.min(20, frames * 20 / total);
        return "[" + "#".repeat(cells) + ".".repeat(20 - cells) + "]";
    }

    private static String clock(double seconds) {
        long s = (long) seconds;
        return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
