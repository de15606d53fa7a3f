package org.framegrid.selection.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.framegrid.selection.api.Candidate;
import org.framegrid.selection.api.Observation;
import org.framegrid.selection.api.SelectionRequest;
import org.junit.jupiter.api.Test;

class DefaultSelectorTest {
    static Candidate candidate(String address, long stake, long price, Set<String> pipelines, int free) {
        return new Candidate(address, URI.create("http://127.0.0.1/" + address), BigInteger.valueOf(stake),
                BigInteger.valueOf(price), pipelines, free);
    }

    static final SelectionRequest FACES = new SelectionRequest("faces", BigInteger.valueOf(100), Set.of());

    @Test
    void filtersByPipelinePriceCapacityAndExclusion() {
        DefaultSelector s = new DefaultSelector(0.5, 0.3, 0.2, 30, RandomGenerator.of("L64X128MixRandom"));
        List<Candidate> all = List.of(candidate("ok", 10, 100, Set.of("faces"), 1),
                candidate("wrong-pipeline", 10, 50, Set.of("depth"), 1),
                candidate("too-dear", 10, 101, Set.of("faces"), 1),
                candidate("full", 10, 50, Set.of("faces"), 0),
                candidate("excluded", 10, 50, Set.of("faces"), 1));
        List<Candidate> picked = s.select(new SelectionRequest("faces", BigInteger.valueOf(100), Set.of("excluded")),
                all, 5);
        assertEquals(List.of("ok"), picked.stream().map(Candidate::address).toList());
    }

    @Test
    void stakeSteersTheDrawAndFailuresSuspend() {
        DefaultSelector s = new DefaultSelector(0.8, 0.1, 0.1, 0.2, RandomGenerator.of("L64X128MixRandom"));
        List<Candidate> all = List.of(candidate("big", 9_000, 10, Set.of("faces"), 4),
                candidate("small", 1_000, 10, Set.of("faces"), 4));
        Map<String, Integer> firsts = new HashMap<>();
        for (int i = 0; i < 2_000; i++) {
            firsts.merge(s.select(FACES, all, 2).get(0).address(), 1, Integer::sum);
        }
        System.out.println("first picks by stake 9:1 → " + firsts);
        assertTrue(firsts.get("big") > 2 * firsts.get("small"), firsts.toString());
        assertTrue(firsts.get("small") > 0, "a small orchestrator still gets some streams");

        s.observe(new Observation("big", Observation.Outcome.STALLED, -1, "no output for 1.5 s"));
        assertTrue(s.suspended("big"));
        for (int i = 0; i < 50; i++) {
            assertEquals(List.of("small"), s.select(FACES, all, 2).stream().map(Candidate::address).toList());
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (s.suspended("big") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertFalse(s.suspended("big"), "the suspension ends (0.2 s here)");
        assertEquals(2, s.select(FACES, all, 2).size());
    }

    @Test
    void whenEveryOrchestratorIsSuspendedTheOneWhoseSuspensionEndsFirstIsStillOffered() {
        DefaultSelector s = new DefaultSelector(0.5, 0.3, 0.2, 30, RandomGenerator.of("L64X128MixRandom"));
        List<Candidate> all = List.of(candidate("a", 10, 10, Set.of("faces"), 1),
                candidate("b", 10, 10, Set.of("faces"), 1));
        s.observe(new Observation("a", Observation.Outcome.FAILURE, -1, "refused"));
        s.observe(new Observation("a", Observation.Outcome.FAILURE, -1, "refused")); // 60 s
        s.observe(new Observation("b", Observation.Outcome.STALLED, -1, "no output")); // 30 s
        assertTrue(s.suspended("a") && s.suspended("b"));
        // Before, nothing: "no orchestrator took the stream (0 usable of 2 reachable)" for up to 8 minutes.
        assertEquals(List.of("b", "a"), s.select(FACES, all, 5).stream().map(Candidate::address).toList());
        assertEquals(List.of("b"), s.select(FACES, all, 1).stream().map(Candidate::address).toList());
    }
}
