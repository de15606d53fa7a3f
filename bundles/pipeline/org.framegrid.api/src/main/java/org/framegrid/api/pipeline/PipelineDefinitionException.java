package org.framegrid.api.pipeline;

import java.util.List;

/**
 * A pipeline definition that cannot be used, with every problem found (not only the first).
 *
 * <p>Immutable and thread-safe.
 */
public class PipelineDefinitionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The problems, never empty. */
    private final List<PipelineProblem> problems;

    /** @param problems the problems, at least one; copied */
    public PipelineDefinitionException(List<PipelineProblem> problems) {
        super(String.join("\n", problems.stream().map(PipelineProblem::toString).toList()));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems");
        }
        this.problems = List.copyOf(problems);
    }

    /** @return the problems, each printed as {@code FILE:LINE:COL: message}; never empty */
    public List<PipelineProblem> problems() {
        return problems;
    }
}
