package org.framegrid.node.http.internal.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.ChainService;
import org.framegrid.chain.api.NetworkStats;
import org.framegrid.chain.api.RoundInfo;
import org.framegrid.chain.api.TreasuryInfo;
import org.framegrid.node.api.MetricSampleList;
import org.framegrid.node.api.Readiness;
import org.junit.jupiter.api.Test;

/** The chain's readiness and metrics follow the last read: ready while it succeeds, a failed read counted. */
class ChainWatchTest {

    /** A chain at round 12, block 1234, that fails while {@code down}. */
    private static final class Chain implements ChainService {
        volatile boolean down;

        @Override
        public long chainId() {
            return 31337;
        }

        @Override
        public String rpcUrl() {
            return "http://127.0.0.1:8545";
        }

        @Override
        public String controllerAddress() {
            return "0x" + "00".repeat(20);
        }

        @Override
        public long blockNumber() throws ChainException {
            if (down) {
                throw new ChainException("block", "connection refused", false);
            }
            return 1234;
        }

        @Override
        public RoundInfo round() throws ChainException {
            blockNumber();
            return new RoundInfo(12, 100, 1200, 1234, true, false, 12, "0x" + "07".repeat(32));
        }

        @Override
        public NetworkStats networkStats() {
            throw new UnsupportedOperationException("not read by the watch");
        }

        @Override
        public TreasuryInfo treasury() {
            throw new UnsupportedOperationException("not read by the watch");
        }
    }

    @Test
    void readinessAndMetricsFollowTheLastRead() {
        Chain chain = new Chain();
        ChainWatch watch = new ChainWatch(chain);
        Readiness before = watch.check().get(0);
        assertFalse(before.ready(), "not ready before the first read");

        watch.read();
        Readiness ready = watch.check().get(0);
        assertTrue(ready.ready());
        assertEquals("chain 31337 at http://127.0.0.1:8545: round 12, block 1234", ready.detail());
        MetricSampleList metrics = MetricSampleList.of(watch);
        Map<String, String> labels = Map.of("chain_id", "31337");
        assertEquals(12.0, metrics.value("framegrid_chain_round", labels).orElseThrow());
        assertEquals(1.0, metrics.value("framegrid_chain_reachable", labels).orElseThrow());

        chain.down = true;
        watch.read();
        Readiness down = watch.check().get(0);
        assertFalse(down.ready());
        assertTrue(down.detail().endsWith(": connection refused"), down.detail());
        metrics = MetricSampleList.of(watch);
        assertEquals(0.0, metrics.value("framegrid_chain_reachable", labels).orElseThrow());
        assertEquals(1.0, metrics.value("framegrid_chain_read_errors", labels).orElseThrow());
        assertEquals(12.0, metrics.value("framegrid_chain_round", labels).orElseThrow(), "the last round read");
    }

    @Test
    void aNodeWithoutAChainIsNotHeldBack() {
        ChainWatch watch = new ChainWatch(null);
        watch.read();
        assertTrue(watch.check().get(0).ready(), watch.check().toString());
        assertTrue(MetricSampleList.of(watch).samples().isEmpty());
    }
}
