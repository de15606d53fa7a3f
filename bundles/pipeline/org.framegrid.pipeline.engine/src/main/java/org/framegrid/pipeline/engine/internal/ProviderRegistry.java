package org.framegrid.pipeline.engine.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.framegrid.api.stage.StageDescriptor;

/**
 * The providers of every stage type, and the last descriptor seen of each type: a type whose bundle is being updated
 * stays known, so definitions using it still validate and streams can start with the node bypassed. Every change
 * moves the {@link #generation()}, so that what was assembled against an earlier one is assembled again.
 */
final class ProviderRegistry {
    private final Map<String, List<ProviderEntry>> byType = new HashMap<>();
    private final Map<String, StageDescriptor> known = new HashMap<>();
    private long generation;

    /** @return the best provider of the entry's type before the change */
    synchronized ProviderEntry add(ProviderEntry entry) {
        String type = entry.descriptor().type();
        ProviderEntry before = best(type);
        byType.computeIfAbsent(type, t -> new ArrayList<>()).add(entry);
        known.put(type, entry.descriptor());
        generation++;
        return before;
    }

    /** @return the removed entry, or {@code null} if the id was unknown */
    synchronized ProviderEntry remove(long id) {
        for (List<ProviderEntry> entries : byType.values()) {
            for (ProviderEntry e : entries) {
                if (e.id() == id) {
                    entries.remove(e);
                    generation++;
                    return e;
                }
            }
        }
        return null;
    }

    /** @return a number that changes whenever a provider is added or removed */
    synchronized long generation() {
        return generation;
    }

    synchronized ProviderEntry best(String type) {
        ProviderEntry best = null;
        for (ProviderEntry e : byType.getOrDefault(type, List.of())) {
            if (e.betterThan(best)) {
                best = e;
            }
        }
        return best;
    }

    /** @return the current best provider's descriptor, else the last one seen, else {@code null} */
    synchronized StageDescriptor known(String type) {
        ProviderEntry best = best(type);
        return best != null ? best.descriptor() : known.get(type);
    }

    synchronized Collection<StageDescriptor> available() {
        List<StageDescriptor> all = new ArrayList<>();
        for (String type : byType.keySet()) {
            ProviderEntry best = best(type);
            if (best != null) {
                all.add(best.descriptor());
            }
        }
        return all;
    }

    synchronized Collection<String> knownTypes() {
        return List.copyOf(known.keySet());
    }
}
