package org.framegrid.pipeline.yaml.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.framegrid.api.pipeline.StageStatus;
import org.framegrid.api.pipeline.StreamStatus;

/**
 * Progress of a file job: on a terminal one line redrawn in place, otherwise a plain line every two seconds (logs and
 * CI output stay readable). The total is unknown (a stream only knows what it has seen), so the line shows frames,
 * rate and elapsed time.
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
        double seconds = elapsedNanos / 1e9;
        String line = String.format(Locale.ROOT, "%s  %6d frames  %6.1f fps  %s elapsed  %s", status.pipeline(), frames,
                frames / Math.max(seconds, 1e-9), clock(seconds), status.state().name().toLowerCase(Locale.ROOT));
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

    private static String clock(double seconds) {
        long s = (long) seconds;
        return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
