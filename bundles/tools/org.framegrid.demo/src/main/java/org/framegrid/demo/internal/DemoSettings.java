package org.framegrid.demo.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * The demo's options.
 *
 * @param script       the ./framegrid script the nodes are started with ({@code run --role})
 * @param work         where role files, keys and node logs go
 * @param out          where the processed video goes
 * @param seconds      how long the stream runs
 * @param killAt       when the serving orchestrator is killed, seconds into the stream
 * @param roundLength  devchain blocks per round
 * @param rounds       rounds advanced after the stream
 */
record DemoSettings(Path script, Path work, Path out, int seconds, int killAt, long roundLength, int rounds) {

    static final String USAGE = "usage: demo --framegrid SCRIPT [--seconds N (60)] [--kill-at S (N/2)] "
            + "[--round-length BLOCKS (500)] [--rounds N (2)] [--work DIR] [--out DIR]";

    static DemoSettings parse(List<String> args, String home) {
        Path script = null;
        Path work = Path.of(home == null ? "." : home, "work");
        Path out = Path.of("out");
        int seconds = 60;
        int killAt = -1;
        long roundLength = 500;
        int rounds = 2;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args.get(++i);
            switch (a) {
                case "--framegrid" -> script = Path.of(v).toAbsolutePath();
                case "--work" -> work = Path.of(v);
                case "--out" -> out = Path.of(v);
                case "--seconds" -> seconds = number(a, v, 10, 3600);
                case "--kill-at" -> killAt = number(a, v, 1, 3600);
                case "--round-length" -> roundLength = number(a, v, 50, 100_000);
                case "--rounds" -> rounds = number(a, v, 1, 20);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (script == null) {
            throw new IllegalArgumentException("--framegrid SCRIPT is needed (the ./framegrid that starts the nodes)");
        }
        killAt = killAt < 0 ? seconds / 2 : killAt;
        if (killAt >= seconds) {
            throw new IllegalArgumentException("--kill-at " + killAt + " is not within the " + seconds + " s stream");
        }
        return new DemoSettings(script, work.toAbsolutePath(), out.toAbsolutePath(), seconds, killAt, roundLength, rounds);
    }

    private static int number(String option, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(option + " takes a number from " + min + " to " + max + ", got '" + value + "'");
    }
}
