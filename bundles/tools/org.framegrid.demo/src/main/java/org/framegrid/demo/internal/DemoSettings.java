package org.framegrid.demo.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
        Map<String, String> options = ToolOptions.pairs(args);
        ToolOptions.Common common = ToolOptions.common(options, home);
        Path out = Path.of("out");
        int seconds = 60;
        int killAt = -1;
        long roundLength = 500;
        int rounds = 2;
        for (Map.Entry<String, String> option : options.entrySet()) {
            String a = option.getKey();
            String v = option.getValue();
            switch (a) {
                case "--out" -> out = Path.of(v);
                case "--seconds" -> seconds = number(a, v, 10, 3600);
                case "--kill-at" -> killAt = number(a, v, 1, 3600);
                case "--round-length" -> roundLength = number(a, v, 50, 100_000);
                case "--rounds" -> rounds = number(a, v, 1, 20);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        killAt = killAt < 0 ? seconds / 2 : killAt;
        if (killAt >= seconds) {
            throw new IllegalArgumentException("--kill-at " + killAt + " is not within the " + seconds + " s stream");
        }
        return new DemoSettings(common.script(), common.work(), out.toAbsolutePath(), seconds, killAt, roundLength, rounds);
    }

    private static int number(String option, String value, int min, int max) {
        return ToolOptions.number(option, value, min, max);
    }
}
