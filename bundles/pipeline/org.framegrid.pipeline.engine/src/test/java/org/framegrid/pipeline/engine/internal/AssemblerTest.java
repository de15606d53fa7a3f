package org.framegrid.pipeline.engine.internal;

import static org.framegrid.pipeline.engine.internal.TestStages.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.framegrid.api.pipeline.EdgeDefinition;
import org.framegrid.api.pipeline.NodeDefinition;
import org.framegrid.api.pipeline.PipelineDefinition;
import org.framegrid.api.pipeline.PipelineDefinitionException;
import org.framegrid.api.pipeline.PipelineProblem;
import org.framegrid.api.pipeline.QueuePolicy;
import org.framegrid.api.pipeline.SourcePosition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Validation and format negotiation: every problem at load time, with the position it concerns. */
class AssemblerTest {
    private final Engine engine = new Engine(60_000, false);

    AssemblerTest() {
        engine.addProvider(TestStages.source(), 0, 1, "t");
        engine.addProvider(TestStages.gray(), 0, 2, "t");
        engine.addProvider(TestStages.probe("probe", "p", new TestStages.Journal()), 0, 3, "t");
        engine.addProvider(TestStages.sink(new ConcurrentLinkedQueue<>()), 0, 4, "t");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private static SourcePosition at(int line) {
        return new SourcePosition("p.yaml", line, 3);
    }

    private static NodeDefinition positioned(String name, String type, Map<String, Object> props, int line) {
        return new NodeDefinition(name, type, props, null, null, null, at(line), Map.of());
    }

    private List<String> problems(List<NodeDefinition> nodes, List<EdgeDefinition> edges) {
        PipelineDefinition d = new PipelineDefinition("p", "p.yaml", "r", nodes, edges, QueuePolicy.LATEST,
                new SourcePosition("p.yaml", 1, 1));
        List<String> out = new ArrayList<>();
        for (PipelineProblem p : engine.check(d)) {
            out.add(p.toString());
        }
        return out;
    }

    @Test
    void formatMismatchNamesBothNodesAtTheEdge() {
        List<String> p = problems(
                List.of(positioned("src", "gen", Map.of("format", "GRAY8"), 2), positioned("g", "gray", Map.of(), 3)),
                List.of(new EdgeDefinition("src", "g", at(7))));
        assertEquals(List.of("p.yaml:7:3: node 'g' (gray) cannot take GRAY8 from 'src' (gen); it accepts RGB24"), p);
    }

    @Test
    void negotiatedFormatsFlowAlongTheGraph() {
        // gen(RGB24) -> gray(GRAY8) -> gray: the second gray gets GRAY8, which it does not accept.
        List<String> p = problems(List.of(positioned("src", "gen", Map.of(), 2), positioned("g1", "gray", Map.of(), 3),
                positioned("g2", "gray", Map.of(), 4)), List.of(new EdgeDefinition("src", "g1", at(8)),
                new EdgeDefinition("g1", "g2", at(9))));
        assertEquals(List.of("p.yaml:9:3: node 'g2' (gray) cannot take GRAY8 from 'g1' (gray); it accepts RGB24"), p);
    }

    @Test
    void teeIsValid() {
        assertEquals(List.of(), problems(List.of(node("src", "gen", Map.of()), node("a", "probe", Map.of()),
                node("b", "sink", Map.of()), node("c", "sink", Map.of())), List.of(
                new EdgeDefinition("src", "a", null), new EdgeDefinition("a", "b", null),
                new EdgeDefinition("a", "c", null))));
    }

    @Test
    void cycleIsReportedWithItsPath() {
        List<String> p = problems(List.of(node("src", "gen", Map.of()), node("a", "probe", Map.of()),
                node("b", "probe", Map.of())), List.of(new EdgeDefinition("src", "a", at(5)),
                new EdgeDefinition("a", "b", at(6)), new EdgeDefinition("b", "a", at(7))));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.getFirst().matches("p\\.yaml:[67]:3: cycle: (a -> b -> a|b -> a -> b)"), p.getFirst());
    }

    @Test
    void unknownTypeAndPropertyAndBadValuesSuggestAndExplain() {
        NodeDefinition src = new NodeDefinition("src", "gen", Map.of("sise", 4, "interval", "fast", "format", "RGB"),
                null, null, null, at(2), Map.of("sise", at(3), "interval", at(4), "format", at(5)));
        List<String> p = problems(List.of(src, positioned("x", "prob", Map.of(), 6)),
                List.of(new EdgeDefinition("src", "x", at(8))));
        assertTrue(p.contains("p.yaml:3:3: node 'src' (gen): unknown property 'sise'; did you mean 'size'?"), p
                .toString());
        assertTrue(p.contains("p.yaml:4:3: node 'src' (gen): property 'interval': expected an integer, got \"fast\""),
                p.toString());
        assertTrue(p.contains("p.yaml:5:3: node 'src' (gen): property 'format': 'RGB' is not one of RGB24, GRAY8; "
                + "did you mean 'RGB24'?"), p.toString());
        assertTrue(p.contains("p.yaml:6:3: node 'x': unknown stage type 'prob'; did you mean 'probe'?"), p.toString());
    }

    @Test
    void structuralProblems() {
        List<String> p = problems(List.of(positioned("src", "gen", Map.of(), 2), positioned("a", "probe", Map.of(), 3),
                positioned("k", "sink", Map.of(), 4), positioned("a", "sink", Map.of(), 5)),
                List.of(new EdgeDefinition("k", "src", at(9)), new EdgeDefinition("src", "nowhere", at(10))));
        assertTrue(p.contains("p.yaml:5:3: node 'a' is defined twice"), p.toString());
        assertTrue(p.contains("p.yaml:9:3: edge k -> src: 'k' (sink) is a sink and has no output"), p.toString());
        assertTrue(p.contains("p.yaml:9:3: edge k -> src: 'src' (gen) is a source and takes no input"), p.toString());
        assertTrue(p.contains("p.yaml:10:3: edge src -> nowhere: no node 'nowhere'"), p.toString());
        assertTrue(p.contains("p.yaml:3:3: node 'a' (probe) has no input: add an edge to it"), p.toString());
    }

    @Test
    void startRefusesAMismatchBeforeAnyFrameFlows() {
        PipelineDefinition d = TestStages.linear("m", QueuePolicy.LATEST, node("src", "gen", Map.of("format", "GRAY8")),
                node("g", "gray", Map.of()), node("k", "sink", Map.of()));
        PipelineDefinitionException e = assertThrows(PipelineDefinitionException.class,
                () -> engine.start(d, "s1", Map.of()));
        assertEquals("node 'g' (gray) cannot take GRAY8 from 'src' (gen); it accepts RGB24", e.problems().getFirst()
                .message());
        assertEquals(0, engine.frameThreads());
        assertTrue(engine.streams().isEmpty());
        // A per-stream parameter can fix it: src.format=RGB24
        assertThrows(PipelineDefinitionException.class, () -> engine.register(d));
    }
}
