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
 * formats between connected stages, cycles). Used by the {@code pipelines check} and {@code process} tools; the folder
 * watcher only {@linkplain #parse parses}, since registering a definition validates it (once) anyway.
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
        Checked parsed = parse(file);
        return parsed.definition() == null ? parsed : validate(parsed);
    }

    public Checked check(String file, String text) {
        Checked parsed = parse(file, text);
        return parsed.definition() == null ? parsed : validate(parsed);
    }

    /** Reads and parses, without validating against the stage types: syntax and structure problems only. */
    public Checked parse(String file) {
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
        return parse(file, text);
    }

    private Checked parse(String file, String text) {
        PipelineParser.Result parsed = parser.parse(file, text);
        return parsed.ok() ? new Checked(file, parsed.definition(), List.of())
                : new Checked(file, null, sorted(parsed.problems()));
    }

    private Checked validate(Checked parsed) {
        List<PipelineProblem> problems = catalog.check(parsed.definition());
        return problems.isEmpty() ? parsed : new Checked(parsed.file(), null, sorted(problems));
    }

    /** @return the problems in line order, as a reader goes through the file */
    static List<PipelineProblem> sorted(List<PipelineProblem> problems) {
        return problems.stream().sorted(BY_POSITION).toList();
    }

    private static Checked failed(String file, String message) {
        return new Checked(file, null, List.of(new PipelineProblem(new SourcePosition(file, 1, 1), message)));
    }
}
