package org.framegrid.node.http.internal.metrics;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.OptionalLong;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * {@code jvm_memory_heap_after_gc_bytes}: the heap in use right after the last garbage collection that ended (any
 * collector), the sum of the heap pools' usage after it, read from the collectors' {@code LastGcInfo}. What a leak
 * shows in; the heap in use now ({@code jvm_memory_used_bytes{area="heap"}}) is mostly the young generation's
 * sawtooth. With G1 a young collection leaves dead objects of the old generation in place until a concurrent cycle
 * or a full collection, so this is the live heap only after one of those (e.g. {@code jcmd PID GC.run}).
 * Standard JMX only: {@code com.sun.management} is not resolved in an OSGi framework.
 */
final class HeapAfterGc implements Collector {
    static final String NAME = "jvm_memory_heap_after_gc_bytes";

    @Override
    public MetricSnapshot collect() {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(NAME).help("Heap in use right after the last "
                + "garbage collection (all heap pools; with G1 the live heap only after a concurrent cycle or a full "
                + "collection)");
        OptionalLong bytes = bytes();
        if (bytes.isPresent()) {
            gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(bytes.getAsLong()).build());
        }
        return gauge.build();
    }

    /** @return the heap pools' usage summed after the last collection that ended; empty before the first */
    static OptionalLong bytes() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        List<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).toList();
        long lastEnd = -1;
        long bytes = -1;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            CompositeData info;
            try {
                info = (CompositeData) server.getAttribute(gc.getObjectName(), "LastGcInfo");
            } catch (JMException | RuntimeException notThere) {
                continue; // a JVM without the attribute: no value, rather than a wrong one
            }
            if (info == null || (Long) info.get("endTime") < lastEnd) {
                continue;
            }
            TabularData after = (TabularData) info.get("memoryUsageAfterGc");
            long sum = 0;
            for (String pool : heapPools) {
                CompositeData row = after.get(new Object[] {pool});
                if (row != null) {
                    sum += MemoryUsage.from((CompositeData) row.get("value")).getUsed();
                }
            }
            lastEnd = (Long) info.get("endTime");
            bytes = sum;
        }
        return bytes < 0 ? OptionalLong.empty() : OptionalLong.of(bytes);
    }
}
