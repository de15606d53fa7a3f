package org.framegrid.node.shell.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;
import org.framegrid.api.pipeline.StageCatalog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code framegrid stages [TYPE]}: the stage types of the node, the same listing as the shell's
 * {@code framegrid:stages}; with TYPE, one type in full (formats, properties with types, ranges and defaults).
 */
@Component(name = "org.framegrid.node.shell.stages", property = {"framegrid.tool=stages",
        "framegrid.tool.description=the stage types (stages TYPE: one in full, like gst-inspect)"})
public final class StagesTool implements Function<List<String>, Integer> {

    static final String USAGE = "usage: framegrid stages [TYPE]   every stage type, or TYPE's formats and properties";

    private final StageCatalog catalog;
    private final PrintStream out;
    private final PrintStream err;

    @Activate
    public StagesTool(@Reference StageCatalog catalog) {
        this(catalog, System.out, System.err);
    }

    StagesTool(StageCatalog catalog, PrintStream out, PrintStream err) {
        this.catalog = catalog;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer apply(List<String> args) {
        if (args.size() == 1 && (args.get(0).equals("--help") || args.get(0).equals("help"))) {
            out.println(USAGE);
            return 0;
        }
        if (args.size() > 1 || (args.size() == 1 && args.get(0).startsWith("-"))) {
            err.println("stages: unexpected '" + args.get(args.size() > 1 ? 1 : 0) + "'\n" + USAGE);
            return 2;
        }
        if (args.isEmpty()) {
            out.println(ShellText.stages(catalog.all()));
            return 0;
        }
        return catalog.find(args.get(0)).map(d -> {
            out.println(ShellText.stage(d));
            return 0;
        }).orElseGet(() -> {
            err.println("stages: no stage type '" + args.get(0) + "' (framegrid stages lists them)");
            return 1;
        });
    }
}
