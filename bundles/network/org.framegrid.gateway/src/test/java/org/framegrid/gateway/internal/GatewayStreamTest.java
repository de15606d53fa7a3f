package org.framegrid.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.framegrid.gateway.embedded.GatewaySettings;
import org.framegrid.trickle.json.HttpProblem;
import org.junit.jupiter.api.Test;

/** What one stream keeps stays bounded, however long it runs and whatever its app sends. */
class GatewayStreamTest {
    private static final GatewaySettings SETTINGS = new GatewaySettings("0xg", "127.0.0.1", 0, List.of(), Map.of(),
            BigInteger.ONE, 1_000, 1_500);

    /** A stream that never started: its bookkeeping only. */
    private static GatewayStream stream() {
        return new GatewayStream("s", "p", Map.of(), null, null, SETTINGS, null, null, null, new GatewayMeters(),
                () -> { });
    }

    @Test
    void theFailuresListKeepsTheNewestAndCountsTheRest() {
        GatewayStream s = stream();
        for (int i = 0; i < 1_000; i++) {
            s.failure("round " + i + " found no orchestrator");
        }
        List<String> kept = s.failures();
        assertEquals(GatewayStream.MAX_FAILURES + 1, kept.size());
        assertEquals((1_000 - GatewayStream.MAX_FAILURES) + " earlier failures not kept", kept.get(0));
        assertEquals("round 999 found no orchestrator", kept.getLast());
    }

    @Test
    void paramsAreBounded() throws Exception {
        GatewayStream s = stream();
        Map<String, Object> many = new HashMap<>();
        for (int i = 0; i <= GatewayStream.MAX_PARAMS; i++) {
            many.put("node.p" + i, i);
        }
        HttpProblem p = assertThrows(HttpProblem.class, () -> s.update(many));
        assertEquals(400, p.status());
        assertTrue(p.getMessage().contains("more than the 256 a stream keeps"), p.getMessage());
        assertTrue(s.paramsCopy().isEmpty(), "nothing was taken");
    }
}
