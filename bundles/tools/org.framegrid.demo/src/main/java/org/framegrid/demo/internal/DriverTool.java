package org.framegrid.demo.internal;

import java.util.List;
import java.util.function.Function;

/**
 * A tool of the driver node ({@code framegrid --tool NAME ARGS}): what the demo, {@code bench latency} and the soak
 * all need from it ({@link DriverNode}), their options parsed first with a one-line error and the usage, then run.
 */
public abstract class DriverTool implements Function<List<String>, Integer> {
    protected final DriverNode node;
    private final String name;
    private final String usage;

    protected DriverTool(String name, String usage, DriverNode node) {
        this.name = name;
        this.usage = usage;
        this.node = node;
    }

    /** @return the tool's work, set up by {@code args} (an {@link IllegalArgumentException} says what is wrong) */
    protected abstract Work prepare(List<String> args, String home);

    /** What a tool runs once its options are parsed. */
    @FunctionalInterface
    protected interface Work {
        int run() throws Exception;
    }

    @Override
    public Integer apply(List<String> args) {
        Work work;
        try {
            work = prepare(args, node.context().getProperty("framegrid.home"));
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage() + "\n" + usage);
            return 2;
        }
        try {
            return work.run();
        } catch (Exception e) {
            System.err.println(name + ": failed: " + e.getMessage());
            return 1;
        }
    }
}
