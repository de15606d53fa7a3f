package org.framegrid.pipeline.yaml.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;

import org.framegrid.api.pipeline.PipelineProblem;
import org.framegrid.api.pipeline.StageCatalog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code framegrid pipelines check FILE...}: validates pipeline files against the stage types of the installed
 * bundles, without a running node. The launcher boots the bundles and calls this service (a JDK function type, so it
 * needs no shared API). Prints {@code FILE:LINE:COL: message} per problem on stderr and one summary line on stdout;
 * returns 0 when every file is valid, 1 when any has a problem, 2 on a usage error.
 */
@Component(name = "org.framegrid.pipeline.yaml.check", property = {"framegrid.tool=pipelines.check",
        "framegrid.tool.description=validate pipeline files (FILE:LINE:COL for each problem)"})
public final class PipelineCheckTool implements Function<List<String>, Integer> {

    private final PipelineChecker checker;
    private final PrintStream out;
    private final PrintStream err;

    @Activate
    public PipelineCheckTool(@Reference StageCatalog catalog) {
        this(catalog, System.out, System.err);
    }

    PipelineCheckTool(StageCatalog catalog, PrintStream out, PrintStream err) {
        this.checker = new PipelineChecker(catalog);
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer apply(List<String> files) {
        if (files.isEmpty()) {
            err.println("usage: framegrid pipelines check FILE...");
            return 2;
        }
        int problems = 0;
        for (String file : files) {
            List<PipelineProblem> found = checker.check(file).problems();
            found.forEach(problem -> err.println(problem));
            problems += found.size();
        }
        String checked = files.size() + (files.size() == 1 ? " file" : " files") + " checked";
        out.println(problems == 0 ? checked + ", no problems"
                : checked + ", " + problems + (problems == 1 ? " problem" : " problems"));
        return problems == 0 ? 0 : 1;
    }
}
