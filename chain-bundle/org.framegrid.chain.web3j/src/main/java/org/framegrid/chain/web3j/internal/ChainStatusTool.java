package org.framegrid.chain.web3j.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** {@code framegrid chain status}: the network panel (current round, inflation, supply, participation, ...). */
@Component(name = "org.framegrid.chain.status.tool", property = {"framegrid.tool=chain.status",
        "framegrid.tool.description=the network panel: round, inflation, supply, bonded, participation"})
public final class ChainStatusTool implements Function<List<String>, Integer> {

    private final BundleContext context;

    @Activate
    public ChainStatusTool(BundleContext context) {
        this.context = context;
    }

    @Override
    public Integer apply(List<String> args) {
        List<String> command = new ArrayList<>(List.of("status"));
        command.addAll(args);
        return new ChainCommands(context::getProperty, System.out, System.err).run(command);
    }
}
