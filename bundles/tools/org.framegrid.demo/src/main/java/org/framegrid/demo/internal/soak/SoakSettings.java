package org.framegrid.demo.internal.soak;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.framegrid.demo.internal.ToolOptions;

/**
 * The options of {@code soak}.
 *
 * @param script  the ./framegrid script the nodes are started with ({@code run --role})
 * @param work    where role files, keys and node logs go
 * @param minutes how long the streams run
 * @param streams how many live streams
 */
record SoakSettings(Path script, Path work, int minutes, int streams) {

    static final String USAGE = "usage: soak --framegrid SCRIPT [--minutes N (10)] [--streams N (8)] [--work DIR]";

    static SoakSettings parse(List<String> args, String home) {
        Map<String, String> options = ToolOptions.pairs(args);
        ToolOptions.Common common = ToolOptions.common(options, home);
        int minutes = 10;
        int streams = 8;
        for (Map.Entry<String, String> option : options.entrySet()) {
            switch (option.getKey()) {
                case "--minutes" -> minutes = ToolOptions.number("--minutes", option.getValue(), 1, 600);
                case "--streams" -> streams = ToolOptions.number("--streams", option.getValue(), 1, 32);
                default -> throw new IllegalArgumentException("unknown option " + option.getKey());
            }
        }
        return new SoakSettings(common.script(), common.work(), minutes, streams);
    }

    /** @return the node folder {@code ./framegrid run --role ROLE} gives a role file named {@code name} */
    Path nodeHome(String role, String name) {
        return script.getParent().resolve(".framegrid").resolve(role + "-" + name);
    }
}
