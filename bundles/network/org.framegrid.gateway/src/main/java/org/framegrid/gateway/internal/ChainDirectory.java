package org.framegrid.gateway.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.framegrid.chain.api.OrchestratorInfo;

/** Turns the chain's orchestrator pool into directory listings: active ones with a usable service URI. */
public final class ChainDirectory {
    private static final Logger LOG = Logger.getLogger(ChainDirectory.class.getName());

    private ChainDirectory() {
    }

    /** @return the active orchestrators of {@code pool} with a usable service URI, in the pool's order */
    public static List<OrchestratorDirectory.Listing> listings(List<OrchestratorInfo> pool) {
        List<OrchestratorDirectory.Listing> listings = new ArrayList<>();
        for (OrchestratorInfo o : pool) {
            if (!o.active() || o.serviceUri().isBlank()) {
                continue;
            }
            try {
                URI uri = URI.create(o.serviceUri());
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException("no scheme or host");
                }
                listings.add(new OrchestratorDirectory.Listing(o.address().toLowerCase(Locale.ROOT), uri,
                        o.totalStake()));
            } catch (IllegalArgumentException e) {
                LOG.warning("orchestrator " + o.address() + " publishes an unusable service URI '" + o.serviceUri()
                        + "': " + e.getMessage());
            }
        }
        return listings;
    }
}
