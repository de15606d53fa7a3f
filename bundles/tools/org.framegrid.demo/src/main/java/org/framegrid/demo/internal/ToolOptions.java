package org.framegrid.demo.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The driver tools' command lines: {@code --option value} pairs, numbers within bounds, one-line errors. */
public final class ToolOptions {
    private ToolOptions() {
    }

    /** @return each {@code --option} with its value, in order; a later one replaces an earlier one */
    public static Map<String, String> pairs(List<String> args) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(args.get(i) + " needs a value");
            }
            pairs.put(args.get(i), args.get(i + 1));
        }
        return pairs;
    }

    /**
     * Takes the options every driver tool has out of {@code pairs}: {@code --framegrid SCRIPT} (required: the
     * ./framegrid that starts the nodes) and {@code --work DIR} (role files, keys, node logs; default HOME/work).
     */
    public static Common common(Map<String, String> pairs, String home) {
        String script = pairs.remove("--framegrid");
        if (script == null) {
            throw new IllegalArgumentException("--framegrid SCRIPT is needed (the ./framegrid that starts the nodes)");
        }
        String work = pairs.remove("--work");
        return new Common(Path.of(script).toAbsolutePath(),
                (work != null ? Path.of(work) : Path.of(home == null ? "." : home, "work")).toAbsolutePath());
    }

    /** @param script the ./framegrid script @param work the work folder */
    public record Common(Path script, Path work) {
    }

    /** @return {@code value} as a whole number from {@code min} to {@code max} */
    public static int number(String option, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(option + " takes a number from " + min + " to " + max + ", got '" + value
                + "'");
    }
}
