package org.framegrid.demo.internal.latency;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.framegrid.demo.internal.ToolOptions;

/**
 * The options of {@code bench latency}.
 *
 * @param script    the ./framegrid script the network's nodes are started with ({@code run --role})
 * @param work      where role files, keys and node logs go
 * @param seconds   how long each path of each configuration is measured (after its warm-up)
 * @param minutes   when above 0, how long the network path is measured instead (a creeping backlog shows minute by
 *                  minute)
 * @param warmup    seconds of each run not measured (stream start, JIT, first key frame)
 * @param sizes     picture sizes, {width, height} each
 * @param pipelines the pipelines measured
 */
record LatencySettings(Path script, Path work, int seconds, int minutes, int warmup, List<int[]> sizes, List<String> pipelines) {

    static final String USAGE = "usage: bench latency --framegrid SCRIPT [--seconds N (20)] [--minutes N (the network "
            + "path measured this long, its p50 minute by minute)] [--warmup N (3)] [--sizes 640x360,1280x720] "
            + "[--pipelines live-passthrough,faces,scene] [--work DIR]";

    static LatencySettings parse(List<String> args, String home) {
        Map<String, String> options = ToolOptions.pairs(args);
        ToolOptions.Common common = ToolOptions.common(options, home);
        int seconds = 20;
        int minutes = 0;
        int warmup = 3;
        List<int[]> sizes = List.of(new int[] {640, 360}, new int[] {1280, 720});
        List<String> pipelines = List.of("live-passthrough", "faces", "scene");
        for (Map.Entry<String, String> option : options.entrySet()) {
            String a = option.getKey();
            String v = option.getValue();
            switch (a) {
                case "--seconds" -> seconds = number(a, v, 5, 3600);
                case "--minutes" -> minutes = number(a, v, 1, 60);
                case "--warmup" -> warmup = number(a, v, 0, 60);
                case "--sizes" -> sizes = sizes(v);
                case "--pipelines" -> pipelines = List.of(v.split(","));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        for (String p : pipelines) {
            BenchConfig.of(p, 640, 360); // a clear error for an unknown one, before anything starts
        }
        return new LatencySettings(common.script(), common.work(), seconds, minutes, warmup, sizes, pipelines);
    }

    private static List<int[]> sizes(String value) {
        List<int[]> sizes = new ArrayList<>();
        for (String s : value.split(",")) {
            String[] wh = s.split("x");
            if (wh.length != 2) {
                throw new IllegalArgumentException("--sizes takes WIDTHxHEIGHT,..., got '" + s + "'");
            }
            sizes.add(new int[] {number("--sizes", wh[0], 128, 3840), number("--sizes", wh[1], 72, 2160)});
        }
        return sizes;
    }

    private static int number(String option, String value, int min, int max) {
        return ToolOptions.number(option, value, min, max);
    }
}
