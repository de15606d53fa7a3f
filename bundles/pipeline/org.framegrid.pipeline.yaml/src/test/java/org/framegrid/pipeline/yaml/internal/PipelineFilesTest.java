package org.framegrid.pipeline.yaml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;

import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineProblem;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.stage.MissingProviderPolicy;
import org.framegrid.pipeline.engine.embedded.EmbeddedEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whole files through the parser and the engine's catalog: every message exact, with file:line:col. */
class PipelineFilesTest {

    private final EmbeddedEngine engine = Catalog.engine();
    private final PipelineChecker checker = new PipelineChecker(engine);

    @AfterEach
    void close() {
        engine.close();
    }

    private List<String> problems(String text) {
        return checker.check("p.yaml", text).problems().stream().map(PipelineProblem::toString).toList();
    }

    @Test
    void linearListBecomesAChainWithPositions() {
        PipelineChecker.Checked checked = checker.check("p.yaml", """
                name: demo
                queue: block
                stages:
                  - type: src
                  - type: scale
                    properties:
                      width: 640
                      mode: smooth
                    on-missing: hold
                  - type: scale
                  - type: sink
                """);
        assertEquals(List.of(), checked.problems());
        PipelineDefinition definition = checked.definition();
        assertEquals("demo", definition.name());
        assertEquals(QueuePolicy.BLOCK, definition.queuePolicy());
        assertEquals(List.of("src", "scale", "scale-2", "sink"), definition.nodes().stream().map(n -> n.name()).toList());
        assertEquals(List.of("src->scale", "scale->scale-2", "scale-2->sink"),
                definition.edges().stream().map(e -> e.from() + "->" + e.to()).toList());
        assertEquals(640L, definition.nodes().get(1).properties().get("width"));
        assertEquals(MissingProviderPolicy.HOLD, definition.nodes().get(1).missingProvider());
        assertEquals("p.yaml:5:11", definition.nodes().get(1).position().toString());
        assertEquals("p.yaml:7:7", definition.nodes().get(1).propertyPositions().get("width").toString());
        assertNotNull(definition.revision());
    }

    @Test
    void graphWithATee() {
        PipelineChecker.Checked checked = checker.check("graph.yaml", """
                nodes:
                  - {name: in, type: src}
                  - {name: small, type: scale, properties: {width: 160}}
                  - {name: out, type: sink}
                  - {name: preview, type: sink}
                edges:
                  in: small
                  small: [out, preview]
                """);
        assertEquals(List.of(), checked.problems());
        assertEquals("graph", checked.definition().name());
        assertEquals(List.of("in->small", "small->out", "small->preview"),
                checked.definition().edges().stream().map(e -> e.from() + "->" + e.to()).toList());
        assertEquals("graph.yaml:8:16", checked.definition().edges().get(2).position().toString());
    }

    @Test
    void yamlSyntaxError() {
        assertEquals(List.of("p.yaml:4:22: YAML syntax error: mapping values are not allowed here"), problems("""
                stages:
                  - type: src
                  - type: scale
                    properties: width: 5
                """));
    }

    @Test
    void unknownStageTypeWithTheClosestName() {
        assertEquals(List.of("p.yaml:3:11: node 'scael': unknown stage type 'scael'; did you mean 'scale'?"), problems("""
                stages:
                  - type: src
                  - type: scael
                  - type: sink
                """));
    }

    @Test
    void unknownPropertyWithTheClosestName() {
        assertEquals(List.of("p.yaml:5:7: node 'scale' (scale): unknown property 'widht'; did you mean 'width'?"),
                problems("""
                        stages:
                          - type: src
                          - type: scale
                            properties:
                              widht: 5
                          - type: sink
                        """));
    }

    @Test
    void wrongPropertyTypes() {
        assertEquals(List.of(
                "p.yaml:5:7: node 'scale' (scale): property 'width': expected an integer, got \"wide\"",
                "p.yaml:6:7: node 'scale' (scale): property 'mode': 'sharp' is not one of fast, smooth"), problems("""
                stages:
                  - type: src
                  - type: scale
                    properties:
                      width: wide
                      mode: sharp
                  - type: sink
                """));
    }

    /** YAML 1.1's yes/on/off and octal 0640 are not silently false or 416: values are read as YAML 1.2. */
    @Test
    void yaml11SurprisesAreNotSilentlyBooleansOrOctal() {
        for (String word : List.of("yes", "on", "off", "no", "y")) {
            assertEquals(List.of("p.yaml:5:7: node 'scale' (scale): property 'dither': expected true or false, got \""
                    + word + "\""), problems("""
                    stages:
                      - type: src
                      - type: scale
                        properties:
                          dither: %s
                      - type: sink
                    """.formatted(word)), word);
        }
        assertEquals(List.of("p.yaml:5:14: stage 2: property 'width': '0640' has a leading zero (YAML 1.1 reads it "
                + "as octal, 1.2 as decimal): write 640, or 0o640 for octal"), problems("""
                stages:
                  - type: src
                  - type: scale
                    properties:
                      width: 0640
                  - type: sink
                """));
        PipelineChecker.Checked checked = checker.check("p.yaml", """
                stages:
                  - type: src
                  - type: scale
                    properties: {width: 0x280, dither: True, mode: "smooth"}
                  - type: scale
                    properties: {width: 0o1200, dither: FALSE}
                  - type: sink
                """);
        assertEquals(List.of(), checked.problems());
        assertEquals(Map.of("width", 640L, "dither", true, "mode", "smooth"),
                checked.definition().nodes().get(1).properties());
        assertEquals(Map.of("width", 640L, "dither", false), checked.definition().nodes().get(2).properties());
    }

    /** Names follow the schema's pattern ^[A-Za-z0-9_-]+$: they end up in stream ids, URLs and file names. */
    @Test
    void namesOutsideTheSchemasPatternAreRefused() {
        assertEquals(List.of("p.yaml:1:7: name: '../../../x' is not a name: use letters, digits, '_' and '-' only"),
                problems("""
                        name: ../../../x
                        stages: [{type: src}, {type: sink}]
                        """));
        assertEquals(List.of("p.yaml:2:12: node 1: name: 'a/b' is not a name: use letters, digits, '_' and '-' only"),
                problems("""
                        nodes:
                          - {name: a/b, type: src}
                          - {name: out, type: sink}
                        edges: {a: out}
                        """));
    }

    @Test
    void formatMismatchBetweenStages() {
        assertEquals(List.of("p.yaml:4:11: node 'sink' (sink) cannot take GRAY8 from 'gray' (gray); it accepts RGB24"),
                problems("""
                        stages:
                          - type: src
                          - type: gray
                          - type: sink
                        """));
    }

    @Test
    void cycleInAGraph() {
        assertEquals(List.of("p.yaml:9:6: cycle: b -> a -> b"), problems("""
                nodes:
                  - {name: in, type: src}
                  - {name: a, type: scale}
                  - {name: b, type: scale}
                  - {name: out, type: sink}
                edges:
                  in: a
                  a: [b, out]
                  b: a
                """));
    }

    @Test
    void shapeMistakesAreAllReportedAtOnce() {
        assertEquals(List.of(
                "p.yaml:1:1: pipeline: unknown key 'stage'; did you mean 'stages'? (allowed: name, description, queue, stages, nodes, edges)",
                "p.yaml:2:8: queue: 'lates' is not one of latest, block, direct; did you mean 'latest'?"), problems("""
                stage: []
                queue: lates
                """));
        assertEquals(List.of("p.yaml:2:5: node 1 has no 'name' (edges refer to nodes by name)",
                "p.yaml:3:26: node 2: duplicate key 'type'"), problems("""
                nodes:
                  - type: src
                  - {name: x, type: src, type: sink}
                """));
        assertEquals(List.of("p.yaml:4:25: stage 2: property 'width' must be a single value (a number, text or true/false)"),
                problems("""
                        stages:
                          - type: src
                          - type: scale
                            properties: {width: [1, 2]}
                        """));
    }

    @Test
    void edgeToAnUnknownNodeAndDuplicateNodes() {
        assertEquals(List.of("p.yaml:3:21: node 'a' is defined twice",
                "p.yaml:4:24: node 'sink' (sink) has no input: add an edge to it",
                "p.yaml:6:6: edge a -> sinc: no node 'sinc'; did you mean 'sink'?"), problems("""
                nodes:
                  - {name: a, type: src}
                  - {name: a, type: src}
                  - {name: sink, type: sink}
                edges:
                  a: sinc
                """));
    }

    @Test
    void emptyAndUnreadableFiles() {
        assertEquals(List.of("p.yaml:1:1: the file is empty: a pipeline needs 'stages' (a list) or 'nodes' and 'edges' (a graph)"),
                problems(""));
        assertEquals(List.of("missing.yaml:1:1: no such file"),
                checker.check("missing.yaml").problems().stream().map(PipelineProblem::toString).toList());
    }
}
