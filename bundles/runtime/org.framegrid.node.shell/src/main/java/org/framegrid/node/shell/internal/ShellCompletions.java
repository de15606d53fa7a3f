package org.framegrid.node.shell.internal;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineService;
import org.framegrid.api.pipeline.StageCatalog;
import org.framegrid.api.stage.StageDescriptor;
import org.framegrid.node.api.LogLevels;

/**
 * What the shell offers on TAB after a {@code framegrid} command (the node's {@code etc/gosh_profile} asks through
 * {@code framegrid:completions}): stage types after {@code stages}, running stream ids after {@code stream} and
 * {@code stop}, the subcommands and then pipeline names after {@code pipelines}, bundle names and levels after
 * {@code loglevel}. The command may be typed with or without its scope. Read from the services each time, so what
 * is offered is what the node has now.
 */
final class ShellCompletions {

    /** The {@code pipelines} subcommands. */
    static final List<String> PIPELINE_COMMANDS = List.of("list", "show", "check");

    private ShellCompletions() {
    }

    /**
     * @param words the command line's words, the command first (as JLine parsed it)
     * @param index the word being completed (its index in {@code words}; may be {@code words.size()})
     * @param pipelines the engine, or {@code null}
     * @param catalog the stage catalog, or {@code null}
     * @param levels the log levels, or {@code null}
     * @return the candidates, sorted; empty where nothing fits
     */
    static List<String> complete(List<String> words, int index, PipelineService pipelines, StageCatalog catalog,
            LogLevels levels) {
        if (words.isEmpty() || index < 1) {
            return List.of();
        }
        String command = words.get(0);
        command = command.substring(command.indexOf(':') + 1);
        Stream<String> candidates = switch (command) {
            case "stages" -> index == 1 && catalog != null
                    ? catalog.all().stream().map(StageDescriptor::type) : Stream.empty();
            case "stream", "stop" -> index == 1 && pipelines != null
                    ? pipelines.streams().stream().map(h -> h.status().streamId()) : Stream.empty();
            case "pipelines" -> index == 1 ? PIPELINE_COMMANDS.stream()
                    : index == 2 && pipelines != null && Set.of("show", "check").contains(words.get(1))
                    ? pipelines.definitions().stream().map(PipelineDefinition::name) : Stream.empty();
            case "loglevel" -> index == 1 && levels != null ? levels.levels().keySet().stream()
                    : index == 2 ? LogLevels.LEVELS.stream() : Stream.empty();
            default -> Stream.empty();
        };
        return candidates.sorted().distinct().toList();
    }
}
