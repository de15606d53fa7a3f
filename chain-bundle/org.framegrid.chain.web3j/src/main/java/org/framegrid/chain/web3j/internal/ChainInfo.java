package org.framegrid.chain.web3j.internal;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.ChainService;
import org.framegrid.chain.api.NetworkStats;
import org.framegrid.chain.api.RoundInfo;
import org.framegrid.chain.api.TreasuryInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/** {@link ChainService}: the connection's facts, the network statistics and the treasury, read when asked. */
@Component(name = "org.framegrid.chain.info", service = ChainService.class, configurationPid = ChainConnection.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class ChainInfo implements ChainService {

    private final ChainClient chain;
    private final NetworkStatsReader stats;

    @Activate
    public ChainInfo(@Reference(name = "chain") ChainClient chain) {
        this.chain = chain;
        this.stats = new NetworkStatsReader(chain, chain.logs());
    }

    @Override
    public long chainId() {
        return chain.chainId();
    }

    @Override
    public String rpcUrl() {
        return chain.url();
    }

    @Override
    public String controllerAddress() {
        return chain.addresses().controller();
    }

    @Override
    public long blockNumber() throws ChainException {
        return chain.blockNumber();
    }

    @Override
    public RoundInfo round() throws ChainException {
        return stats.round();
    }

    @Override
    public NetworkStats networkStats() throws ChainException {
        return stats.read();
    }

    @Override
    public TreasuryInfo treasury() throws ChainException {
        return stats.treasury();
    }
}
