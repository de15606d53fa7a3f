package org.framegrid.chain.web3j.internal;

import java.util.List;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** {@code framegrid chain COMMAND ...}: staking and devchain commands for operators and delegators. */
@Component(name = "org.framegrid.chain.tool", property = {"framegrid.tool=chain",
        "framegrid.tool.description=staking, ticket funds and devchain commands (chain help)"})
public final class ChainTool implements Function<List<String>, Integer> {

    private final BundleContext context;

    @Activate
    public ChainTool(BundleContext context) {
        this.context = context;
    }

    @Override
    public Integer apply(List<String> args) {
        return new ChainCommands(context::getProperty, System.out, System.err).run(args);
    }
}
