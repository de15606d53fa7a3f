package org.framegrid.pipeline.yaml.internal;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineProblem;
import org.framegrid.api.pipeline.SourcePosition;
import org.framegrid.api.pipeline.StageCatalog;

/**
 * A whole file checked: read, parsed, then validated by the stage catalog (unknown types and properties, values,
 * formats between connected stages, cycles). Used by the folder watcher and the {@code pipelines check} tool.
 */
public final class PipelineChecker {

    /** A file's outcome: the definition if it is valid, else every problem in line order. */
    public record Checked(String file, PipelineDefinition definition, List<PipelineProblem> problems) {
    }

    private static final Comparator<PipelineProblem> BY_POSITION = Comparator
            .comparingInt((PipelineProblem p) -> p.position() == null ? 0 : p.position().line())
            .thenComparingInt(p -> p.position() == null ? 0 : p.position().column());

    private final PipelineParser parser = new PipelineParser();
    private final StageCatalog catalog;

    public PipelineChecker(StageCatalog catalog) {
        this.catalog = catalog;
    }

    /** @param file the path as the user wrote it: problems are reported under that name */
    public Checked check(String file) {
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return failed(file, "no such file");
        } catch (MalformedInputException e) {
            return failed(file, "not a text file (UTF-8 expected)");
        } catch (IOException e) {
            return failed(file, "cannot read: " + e.getMessage());
        }
        return check(file, text);
    }

    public Checked check(String file, String text) {
        PipelineParser.Result parsed = parser.parse(file, text);
        if (!parsed.ok()) {
            return new Checked(file, null, sorted(parsed.problems()));
        }
        List<PipelineProblem> problems = catalog.check(parsed.definition());
        return problems.isEmpty() ? new Checked(file, parsed.definition(), List.of())
                : new Checked(file, null, sorted(problems));
    }

    private static List<PipelineProblem> sorted(List<PipelineProblem> problems) {
        return problems.stream().sorted(BY_POSITION).toList();
    }

    private static Checked failed(String file, String message) {
        return new Checked(file, null, List.of(new PipelineProblem(new SourcePosition(file, 1, 1), message)));
    }
}
